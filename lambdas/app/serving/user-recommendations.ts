import { requireCurrentModel } from './current-model.ts';
import type { MovieSummary } from './movie-summaries.ts';
import { movieSummary } from './movie-summaries.ts';
import { popularList } from './popular-movies.ts';
import type { RecommendedMovie } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

export interface UserRecommendation extends MovieSummary {
  score: number;
  /** "Because you liked …": the user's rated movies this one is most like. */
  because: { movieId: number; title: string }[];
}

export interface UserRecommendations {
  userId: number;
  version: string;
  /** True when the model does not know the user: the list is the popular one. */
  coldStart: boolean;
  movies: UserRecommendation[];
}

/**
 * The live version's precomputed top-N for a user (already without the movies they rated),
 * optionally kept to one genre; an unknown user gets the popular list flagged as cold start.
 * One GetItem: the record carries titles and genres. Records written before it did need one
 * BatchGetItem of the movie records as well.
 */
export async function userRecommendations(
  store: ServingStore,
  userId: number,
  options: { limit: number; genre?: string },
): Promise<UserRecommendations> {
  const { version } = await requireCurrentModel(store);
  const record = await store.getUserRecommendations(userId, version);
  if (record === undefined) {
    const popular = await popularList(store, version, options.genre);
    const top = popular.items.slice(0, options.limit);
    const movies = await store.getMovies(top.map((entry) => entry.movieId));
    return {
      userId,
      version,
      coldStart: true,
      movies: top.flatMap(({ movieId, score }) => {
        const movie = movies.get(movieId);
        return movie === undefined ? [] : [{ ...movieSummary(movie), score, because: [] }];
      }),
    };
  }
  const wanted = options.genre?.toLowerCase();
  const inGenre = (genres: readonly string[]): boolean =>
    wanted === undefined || genres.some((genre) => genre.toLowerCase() === wanted);
  if (record.items.every(hasSummary)) {
    return {
      userId,
      version,
      coldStart: false,
      movies: record.items
        .filter((entry) => inGenre(entry.genres))
        .slice(0, options.limit)
        .map((entry) => ({
          movieId: entry.movieId,
          title: entry.title,
          year: entry.year,
          genres: entry.genres,
          score: entry.score,
          because: entry.because.map((movieId, r) => ({
            movieId,
            title: entry.becauseTitles[r]!,
          })),
        })),
    };
  }
  const ids = new Set<number>();
  for (const entry of record.items) {
    ids.add(entry.movieId);
    for (const liked of entry.because) ids.add(liked);
  }
  const movies = await store.getMovies([...ids]);
  const recommended: UserRecommendation[] = [];
  for (const entry of record.items) {
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
  return { userId, version, coldStart: false, movies: recommended };
}

type SummarisedMovie = Required<RecommendedMovie>;

const hasSummary = (entry: RecommendedMovie): entry is SummarisedMovie =>
  entry.title !== undefined &&
  entry.year !== undefined &&
  entry.genres !== undefined &&
  entry.becauseTitles?.length === entry.because.length;
