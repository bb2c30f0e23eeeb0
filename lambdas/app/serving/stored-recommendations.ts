import type { MovieSummary } from './movie-summaries.ts';
import { movieSummary } from './movie-summaries.ts';
import type { RecommendedMovie } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

export interface UserRecommendation extends MovieSummary {
  score: number;
  /** "Because you rated …": the user's rated movies that raised this one's score most. */
  because: { movieId: number; title: string }[];
}

/**
 * A precomputed top-N (a known user's or a profile's) as the API answers it: kept to one genre
 * and without the movies in `exclude` (what a profile rated since), then cut to `limit`. Lists
 * that carry titles and genres need no read; older ones join the movie records in one
 * BatchGetItem.
 */
export async function storedRecommendations(
  store: ServingStore,
  items: readonly RecommendedMovie[],
  options: { limit: number; genre?: string; exclude?: ReadonlySet<number> },
): Promise<UserRecommendation[]> {
  const wanted = options.genre?.toLowerCase();
  const inGenre = (genres: readonly string[]): boolean =>
    wanted === undefined || genres.some((genre) => genre.toLowerCase() === wanted);
  const kept = items.filter((entry) => options.exclude?.has(entry.movieId) !== true);
  if (kept.every(hasSummary)) {
    return kept
      .filter((entry) => inGenre(entry.genres))
      .slice(0, options.limit)
      .map((entry) => ({
        movieId: entry.movieId,
        title: entry.title,
        year: entry.year,
        genres: entry.genres,
        score: entry.score,
        because: entry.because.map((movieId, r) => ({ movieId, title: entry.becauseTitles[r]! })),
      }));
  }
  const ids = new Set<number>();
  for (const entry of kept) {
    ids.add(entry.movieId);
    for (const liked of entry.because) ids.add(liked);
  }
  const movies = await store.getMovies([...ids]);
  const recommended: UserRecommendation[] = [];
  for (const entry of kept) {
    const movie = movies.get(entry.movieId);
    if (movie === undefined || !inGenre(movie.genres)) continue;
    recommended.push({
      ...movieSummary(movie),
      score: entry.score,
      because: entry.because.flatMap((liked) => {
        const reason = movies.get(liked);
        return reason === undefined ? [] : [{ movieId: liked, title: reason.title }];
      }),
    });
    if (recommended.length === options.limit) break;
  }
  return recommended;
}

type SummarisedMovie = Required<RecommendedMovie>;

const hasSummary = (entry: RecommendedMovie): entry is SummarisedMovie =>
  entry.title !== undefined &&
  entry.year !== undefined &&
  entry.genres !== undefined &&
  entry.becauseTitles?.length === entry.because.length;
