import * as z from 'zod';
import { tmdbDetailsSchema, tmdbReviewsSchema } from '../../core/content/tmdb-record-schemas.ts';
import type { MovieDetailsRecord, MovieReviewsRecord } from '../serving/serving-records.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';

/** What TMDB said about one movie, as cached per movie and served on its META item. */
export interface TmdbRecord {
  details: MovieDetailsRecord;
  reviews: MovieReviewsRecord;
}

/** The TMDB records of one version's movies, by MovieLens movie id. */
export type TmdbSnapshot = ReadonlyMap<number, TmdbRecord>;

const tmdbRecordSchema = z.object({
  details: tmdbDetailsSchema,
  reviews: tmdbReviewsSchema,
}) satisfies z.ZodType<TmdbRecord>;

/** One cached movie (pipelineObjectKeys.tmdbMovie); undefined when it is not a valid record. */
export function parseTmdbRecord(json: unknown): TmdbRecord | undefined {
  const parsed = tmdbRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

const snapshotSchema = z.object({
  version: z.string(),
  movies: z.array(z.tuple([z.number().int(), z.unknown()])),
});

export function writeTmdbSnapshot(
  store: ObjectStore,
  version: string,
  records: ReadonlyMap<number, TmdbRecord>,
): Promise<void> {
  return putJson(store, pipelineObjectKeys.tmdbSnapshot(version), {
    version,
    movies: [...records],
  });
}

/**
 * The version's snapshot written by the enrichment step, or undefined when the run had none
 * (no TMDB key, or the step was skipped). Records that fail validation are left out: a movie
 * without TMDB data is served as before, never a failed step.
 */
export async function readTmdbSnapshot(
  store: ObjectStore,
  version: string,
): Promise<TmdbSnapshot | undefined> {
  const bytes = await store.get(pipelineObjectKeys.tmdbSnapshot(version));
  if (bytes === undefined) return undefined;
  const snapshot = snapshotSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  const records = new Map<number, TmdbRecord>();
  for (const [movieId, json] of snapshot.movies) {
    const record = parseTmdbRecord(json);
    if (record !== undefined) records.set(movieId, record);
  }
  return records;
}
