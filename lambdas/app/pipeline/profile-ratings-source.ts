import type { ProfileRating } from '../profiles/profile-records.ts';

/** One profile's stored ratings, as ingest reads them. */
export interface ProfileRatings {
  profileId: string;
  ratings: ProfileRating[];
}

/**
 * The port through which ingest reads what visitors rated: the serving table's profiles in the
 * cloud and locally (DynamoDB SDK), a list in tests.
 */
export interface ProfileRatingsSource {
  /** The `ratingsCollected` counter now (0 before the first rating). */
  ratingsCollected(): Promise<number>;
  /** Every profile with its ratings, in any order. */
  profiles(): Promise<ProfileRatings[]>;
}
