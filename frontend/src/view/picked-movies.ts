import { storedEntries } from './stored-entries.ts';
import type { MovieSummary } from '../api/api-types.ts';

/** A movie the visitor picked on Discover, with their rating on the 0.5–5 star scale. */
export interface PickedMovie extends MovieSummary {
  rating: number;
}

export const MIN_STARS = 0.5;
export const MAX_STARS = 5;
export const STAR_STEP = 0.5;
/** A picked movie starts at 4 stars: "liked", with room above for favourites. */
export const DEFAULT_STARS = 4;
/**
 * The anonymous recommendations request takes at most 50 ratings (the newest are sent). A
 * profile holds many more: the API says how many and answers 409 beyond.
 */
export const MAX_ANONYMOUS_RATINGS = 50;

/** Rounds to the nearest half star within the scale. */
export function clampStars(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_STARS;
  const halves = Math.round(value / STAR_STEP) * STAR_STEP;
  return Math.min(MAX_STARS, Math.max(MIN_STARS, halves));
}

/** Adds a movie (or moves an already picked one to the front); newest first. */
export function addPick(
  picks: PickedMovie[],
  movie: MovieSummary,
  rating = DEFAULT_STARS,
): PickedMovie[] {
  const rest = picks.filter((p) => p.movieId !== movie.movieId);
  const existing = picks.find((p) => p.movieId === movie.movieId);
  const pick: PickedMovie = {
    movieId: movie.movieId,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    rating: existing?.rating ?? clampStars(rating),
  };
  return [pick, ...rest];
}

export function ratePick(picks: PickedMovie[], movieId: number, rating: number): PickedMovie[] {
  return picks.map((p) => (p.movieId === movieId ? { ...p, rating: clampStars(rating) } : p));
}

export function removePick(picks: PickedMovie[], movieId: number): PickedMovie[] {
  return picks.filter((p) => p.movieId !== movieId);
}

/**
 * Picks read back from storage: anything malformed (an older format, a hand edit) is dropped
 * rather than breaking the page.
 */
export function parsePicks(json: string | null): PickedMovie[] {
  const picks: PickedMovie[] = [];
  for (const e of storedEntries(json)) {
    if (typeof e.movieId !== 'number' || !Number.isInteger(e.movieId) || e.movieId < 1) continue;
    if (typeof e.title !== 'string') continue;
    if (picks.some((p) => p.movieId === e.movieId)) continue;
    picks.push({
      movieId: e.movieId,
      title: e.title,
      year: typeof e.year === 'number' ? e.year : null,
      genres: Array.isArray(e.genres)
        ? e.genres.filter((g): g is string => typeof g === 'string')
        : [],
      rating: clampStars(typeof e.rating === 'number' ? e.rating : DEFAULT_STARS),
    });
  }
  return picks;
}

/** The request body's ratings: stable order (by id) so reordering alone does not refetch. */
export function ratingsKey(picks: PickedMovie[]): string {
  return picks
    .map((p) => `${p.movieId}:${p.rating}`)
    .sort()
    .join(',');
}
