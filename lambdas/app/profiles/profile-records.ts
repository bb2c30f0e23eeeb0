/**
 * What the serving table stores for a profile (keys in serving-keys.ts). A profile is an
 * anonymous identity owned through a secret bearer token; no personal data is stored.
 *
 * All of a profile's ratings live in its one META item: a rating write is a single conditional
 * UpdateItem (`SET ratings.#movie = :rating`, guarded by the token hash, the rating limit and the
 * per-minute write window), so nothing is ever half-written, concurrent writes to different
 * movies cannot lose each other, and deleting the item removes the token and every rating at
 * once. 5,000 ratings take about 100 KB, well inside DynamoDB's 400 KB item limit.
 */
export interface ProfileRecord {
  profileId: string;
  /** base64url SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601 of the last rating write or delete. */
  updatedAt: string;
  /** movieId (as a string, a DynamoDB map key) → [rating, ratedAt in Unix seconds]. */
  ratings: Record<string, [rating: number, ratedAt: number]>;
  /** Start of the current write-rate window (Unix minutes) and writes counted in it. */
  windowMinute: number;
  windowWrites: number;
}

/** One rating as the API answers it and as the pipeline reads it. */
export interface ProfileRating {
  movieId: number;
  rating: number;
  /** Unix seconds. */
  ratedAt: number;
}

/** The ratings of a profile record, ordered by movie id. */
export function profileRatings(record: Pick<ProfileRecord, 'ratings'>): ProfileRating[] {
  return Object.entries(record.ratings)
    .map(([movieId, [rating, ratedAt]]) => ({ movieId: Number(movieId), rating, ratedAt }))
    .sort((a, b) => a.movieId - b.movieId);
}

/**
 * Where a model version's training ratings came from, recorded by ingest in the version's
 * manifest and registry record (`sources`) and answered by GET /model.
 */
export interface RatingSources {
  /** Ratings of the configured dataset. */
  dataset: number;
  /** Ratings from profiles, and how many profiles gave them (each one extra user). */
  profiles: number;
  profileUsers: number;
  /** Ratings from operator files under `datasets/incoming/`, and those files' keys. */
  operatorFiles: number;
  operatorFileKeys: string[];
  /**
   * The `ratingsCollected` counter when ingest read the profiles: the dashboard shows the
   * counter now minus this as "ratings collected since the live version was trained".
   */
  ratingsCollectedAtIngest: number;
  /**
   * ISO 8601 time just before ingest read the profiles (absent in versions trained before it was
   * recorded): a profile whose `updatedAt` is earlier trained exactly as it is now, so its
   * precomputed list is current; any later change is served live.
   */
  profilesReadAt?: string;
}
