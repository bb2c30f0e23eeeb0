import type {
  ModelPointer,
  ModelVersionRecord,
  MovieRecord,
  PopularRecord,
  SimilarMoviesRecord,
  UserRecommendationsRecord,
  VectorRecord,
} from './serving-records.ts';

/**
 * The read side of the serving table (docs/architecture.md §5) as the API's use-cases need it.
 * Every versioned read takes the version explicitly: callers resolve `getCurrentModel()` once per
 * request and read only that version. `undefined` means "no such item"; infrastructure failures
 * throw.
 */
export interface ServingStore {
  /** The live model pointer (implementations may cache it briefly), or undefined before a publish. */
  getCurrentModel(): Promise<ModelPointer | undefined>;
  getModelVersion(version: string): Promise<ModelVersionRecord | undefined>;
  /** Every version in the registry, newest first. */
  listModelVersions(): Promise<ModelVersionRecord[]>;
  getUserRecommendations(
    userId: number,
    version: string,
  ): Promise<UserRecommendationsRecord | undefined>;
  getUserVector(userId: number, version: string): Promise<VectorRecord | undefined>;
  getMovieVector(movieId: number, version: string): Promise<VectorRecord | undefined>;
  getMovie(movieId: number): Promise<MovieRecord | undefined>;
  /** The movies found among `movieIds` (missing ids are simply absent from the map). */
  getMovies(movieIds: readonly number[]): Promise<Map<number, MovieRecord>>;
  getSimilarMovies(movieId: number, version: string): Promise<SimilarMoviesRecord | undefined>;
  getPopular(genre: string, version: string): Promise<PopularRecord | undefined>;
}
