import { requireCurrentModel } from './current-model.ts';
import type { MovieSummary } from './movie-summaries.ts';
import { withSummaries } from './movie-summaries.ts';
import { ModelUnavailableError, NotFoundError } from './serving-errors.ts';
import type { PopularRecord } from './serving-records.ts';
import { ALL_GENRES } from './serving-keys.ts';
import type { ServingStore } from './serving-store.ts';

export type PopularMovie = MovieSummary & { score: number; count: number; mean: number };

export interface PopularMovies {
  genre: string | null;
  version: string;
  movies: PopularMovie[];
}

/** The live version's Bayesian-average ranking, overall or of one genre. */
export async function popularMovies(
  store: ServingStore,
  options: { genre?: string; limit: number },
): Promise<PopularMovies> {
  const { version } = await requireCurrentModel(store);
  const record = await popularList(store, version, options.genre);
  return {
    genre: options.genre === undefined ? null : record.genre,
    version,
    movies: await withSummaries(store, record.items.slice(0, options.limit)),
  };
}

/**
 * The popular list of `genre` (any letter case) or of all movies. A missing genre list is a 404;
 * genre lists are keyed by MovieLens' spelling ("Sci-Fi", "IMAX"), tried in the likely
 * spellings of what was typed. A missing overall list means the version was published incomplete (503).
 */
export async function popularList(
  store: ServingStore,
  version: string,
  genre: string | undefined,
): Promise<PopularRecord> {
  if (genre === undefined) {
    const all = await store.getPopular(ALL_GENRES, version);
    if (all === undefined) {
      throw new ModelUnavailableError(`Model ${version} has no popular list.`);
    }
    return all;
  }
  let record: PopularRecord | undefined;
  for (const spelling of genreSpellings(genre)) {
    record = await store.getPopular(spelling, version);
    if (record !== undefined) break;
  }
  if (record === undefined) {
    throw new NotFoundError('unknown_genre', `No popular list for genre "${genre}".`);
  }
  return record;
}

/** "sci-fi" → Sci-Fi, "imax" → IMAX, "film-noir" → Film-Noir, "children's" → Children's. */
export function genreSpellings(genre: string): string[] {
  const lower = genre.toLowerCase();
  const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return [
    ...new Set([
      genre,
      lower.split('-').map(capitalise).join('-'),
      capitalise(lower),
      genre.toUpperCase(),
    ]),
  ];
}
