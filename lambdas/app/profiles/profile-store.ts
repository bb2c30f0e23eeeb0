import type { RecommendedMovie } from '../serving/serving-records.ts';
import type { ProfileRecord } from './profile-records.ts';

/** A rating to set (`value`) or remove (no `value`) on a profile, under its limits. */
export interface RatingWrite {
  profileId: string;
  /** The write applies only to the profile whose stored hash this is. */
  tokenHash: string;
  movieId: number;
  /** [rating, ratedAt in Unix seconds]; absent: remove the movie's rating. */
  value?: [rating: number, ratedAt: number];
  /** ISO 8601: the profile's new `updatedAt`. */
  at: string;
  /** The write counts in this Unix minute's window, which must be the stored one. */
  minute: number;
  writesPerMinute: number;
  maxRatings: number;
}

/** Written: with the movie's rating before the write (absent: it had none). */
export type RatingWriteResult =
  { written: true; previous?: [rating: number, ratedAt: number] } | { written: false };

/** What the pipeline precomputed for a profile in one version (its top-N, like a known user's). */
export interface ProfileRecommendationsRecord {
  version: string;
  items: RecommendedMovie[];
}

/**
 * The profile items of the serving table as the profile use-cases need them. Every write is one
 * conditional single-item write: nothing is half-written, and a write whose condition fails
 * reports it (`written: false`, `false`) without changing anything.
 */
export interface ProfileStore {
  /** Writes a new profile; false when one with that id exists already. */
  createProfile(record: ProfileRecord): Promise<boolean>;
  /** The profile as last written (a strongly consistent read), or undefined. */
  getProfile(profileId: string): Promise<ProfileRecord | undefined>;
  /**
   * Sets or removes one rating and counts the write, only if the token hash matches, `minute`
   * is the stored window, the window has room, and (when setting a movie not yet rated) the
   * profile holds fewer than `maxRatings`.
   */
  writeRating(write: RatingWrite): Promise<RatingWriteResult>;
  /** Starts a new write window if the stored one is still `from` (a lost race changes nothing). */
  moveWriteWindow(profileId: string, from: number, to: number): Promise<void>;
  /**
   * Counts one profile creation by a client (a hash of its address) in an hour; false, counting
   * nothing, when `limit` are counted already. The count expires with `expiresAt` (Unix seconds).
   */
  countCreation(
    clientHash: string,
    hour: number,
    limit: number,
    expiresAt: number,
  ): Promise<boolean>;
  /** Adds to the counter of ratings collected (a statistic for the dashboard). */
  addRatingsCollected(count: number): Promise<void>;
  ratingsCollected(): Promise<number>;
  getProfileRecommendations(
    profileId: string,
    version: string,
  ): Promise<ProfileRecommendationsRecord | undefined>;
  /**
   * Deletes the profile item if its token hash matches (its token and ratings are gone at
   * once), then every other item of the profile. False when there was no such profile item.
   */
  deleteProfile(profileId: string, tokenHash: string): Promise<boolean>;
}
