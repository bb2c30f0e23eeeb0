import * as z from 'zod';
import type { RatingSources } from '../profiles/profile-records.ts';
import type { ObjectStore } from './object-store.ts';
import { getJson, putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';

/** `[userId, profileId]`: the raw user id a profile trained as, ascending by user id. */
export type ProfileUser = [userId: number, profileId: string];

/**
 * Where the ratings of a processed dataset came from, written by ingest beside it
 * (`origin.json`): the counts a version records as its `sources`, and which synthetic user ids
 * are profiles, so scoring writes their lists under the profile and never as `USER#<id>`.
 */
export interface TrainingOrigin {
  sources: RatingSources;
  profileUsers: ProfileUser[];
}

export const ORIGIN_FILE = 'origin.json';

const ratingSourcesSchema = z.object({
  dataset: z.number().int().nonnegative(),
  profiles: z.number().int().nonnegative(),
  profileUsers: z.number().int().nonnegative(),
  operatorFiles: z.number().int().nonnegative(),
  operatorFileKeys: z.array(z.string()),
  ratingsCollectedAtIngest: z.number().int().nonnegative(),
  profilesReadAt: z.iso.datetime().optional(),
}) satisfies z.ZodType<RatingSources>;

const profileUsersSchema = z.array(z.tuple([z.number().int(), z.string().min(1)]));

export const writeTrainingOrigin = (
  store: ObjectStore,
  processedPrefix: string,
  origin: TrainingOrigin,
): Promise<void> => putJson(store, processedPrefix + ORIGIN_FILE, origin);

export async function readTrainingOrigin(
  store: ObjectStore,
  processedPrefix: string,
): Promise<TrainingOrigin> {
  const key = processedPrefix + ORIGIN_FILE;
  const parsed = z
    .object({ sources: ratingSourcesSchema, profileUsers: profileUsersSchema })
    .safeParse(await getJson(store, key));
  if (!parsed.success) throw new Error(`${key}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Copies the profile users into the version, which scoring and retiring read. */
export const writeProfileUsers = (
  store: ObjectStore,
  version: string,
  profileUsers: readonly ProfileUser[],
): Promise<void> => putJson(store, pipelineObjectKeys.profileUsers(version), profileUsers);

/** The version's profile users by user id; none for a version trained before profiles existed. */
export async function readProfileUsers(
  store: ObjectStore,
  version: string,
): Promise<Map<number, string>> {
  const key = pipelineObjectKeys.profileUsers(version);
  const bytes = await store.get(key);
  if (bytes === undefined) return new Map();
  const parsed = profileUsersSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success) throw new Error(`${key}: ${z.prettifyError(parsed.error)}`);
  return new Map(parsed.data);
}
