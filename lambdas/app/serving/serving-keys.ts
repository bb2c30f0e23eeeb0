/**
 * The single-table key design of the serving store (DESIGN.md §6). Every reader and the pipeline
 * (the only writer) build keys here, so the layout lives in one place.
 *
 * Versioned sort keys let a new model be written beside the live one; readers resolve
 * MODEL/CURRENT first and read only that version, so a half-written version is never served.
 */
export interface TableKey {
  pk: string;
  sk: string;
}

/** "ALL" holds the overall popular list; a genre name holds that genre's list. */
export const ALL_GENRES = 'ALL';

export const servingKeys = {
  /** Live model pointer: {version, metrics, publishedAt}; flipped by one conditional PutItem. */
  currentModel: (): TableKey => ({ pk: 'MODEL', sk: 'CURRENT' }),
  /** Registry entry of one trained version (metrics, parameters, training curves). */
  modelVersion: (version: string): TableKey => ({ pk: 'MODEL', sk: `V#${version}` }),
  /** Precomputed top-N for a known user. */
  userRecommendations: (userId: number, version: string): TableKey => ({
    pk: `USER#${userId}`,
    sk: `RECS#${version}`,
  }),
  /** User factors + bias, for /predict. */
  userVector: (userId: number, version: string): TableKey => ({
    pk: `USER#${userId}`,
    sk: `VEC#${version}`,
  }),
  /** Movie metadata + rating stats; not versioned (the dataset, not the model, owns it). */
  movie: (movieId: number): TableKey => ({ pk: `MOVIE#${movieId}`, sk: 'META' }),
  similarMovies: (movieId: number, version: string): TableKey => ({
    pk: `MOVIE#${movieId}`,
    sk: `SIMILAR#${version}`,
  }),
  /** Item factors + bias, for /predict. */
  movieVector: (movieId: number, version: string): TableKey => ({
    pk: `MOVIE#${movieId}`,
    sk: `VEC#${version}`,
  }),
  popular: (genre: string, version: string): TableKey => ({
    pk: `POPULAR#${genre}`,
    sk: version,
  }),
} as const;

/** Attribute DynamoDB's TTL reads (epoch seconds); set on superseded versions after a publish. */
export const TTL_ATTRIBUTE = 'expiresAt';
