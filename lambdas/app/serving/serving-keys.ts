/**
 * The single-table key design of the serving store (docs/architecture.md §5). Every reader and the
 * pipeline (the only writer) build keys here, so the layout lives in one place.
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
  /**
   * A visitor's profile: token hash, counters and every rating in one item (profile-records.ts),
   * so a rating write is one conditional UpdateItem and a delete removes it all at once.
   */
  profile: (profileId: string): TableKey => ({ pk: `${PROFILE_PREFIX}${profileId}`, sk: 'META' }),
  /** Precomputed top-N of a profile that took part in training (written by the pipeline). */
  profileRecommendations: (profileId: string, version: string): TableKey => ({
    pk: `${PROFILE_PREFIX}${profileId}`,
    sk: `RECS#${version}`,
  }),
  /** Profiles created from one client address (a hash of it) in one UTC hour. */
  profileCreations: (clientHash: string, hour: number): TableKey => ({
    pk: `${PROFILE_PREFIX}~created#${clientHash}`,
    sk: `HOUR#${hour}`,
  }),
  /** Counter of profile ratings written (new or changed) since the table was created. */
  ratingsCollected: (): TableKey => ({ pk: `${PROFILE_PREFIX}~stats`, sk: 'RATINGS' }),
} as const;

/**
 * Every item the API may write starts with this partition-key prefix: the API role's IAM policy
 * allows writes only under `dynamodb:LeadingKeys` = `PROFILE#*`. Profile ids never contain `~`,
 * so the bookkeeping items above cannot collide with a profile.
 */
export const PROFILE_PREFIX = 'PROFILE#';

/**
 * Sparse global secondary index over profile META items only (the one attribute below is set on
 * them alone), so the pipeline lists every profile without scanning the table. Keys only: it
 * then reads the profiles it needs with BatchGetItem.
 */
export const PROFILE_INDEX = {
  name: 'profiles',
  partitionKey: 'profileList',
  /** The value of `profileList` on every profile META item. */
  partitionValue: 'PROFILES',
  sortKey: 'pk',
} as const;

/** Attribute DynamoDB's TTL reads (epoch seconds); set on superseded versions after a publish. */
export const TTL_ATTRIBUTE = 'expiresAt';
