import * as z from 'zod';
import { MalformedTmdbRecordError, tmdbMovieFromJson } from '../../core/content/tmdb-movie.ts';
import { MODEL_VERSION_PATTERN } from '../serving/serving-artifacts.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';
import { readProcessedMovies } from './processed-dataset.ts';
import type { TmdbSource } from './tmdb-source.ts';
import { TmdbError } from './tmdb-source.ts';
import type { TmdbRecord } from './tmdb-snapshot.ts';
import { parseTmdbRecord, writeTmdbSnapshot } from './tmdb-snapshot.ts';

export const enrichInputSchema = z.object({
  processedPrefix: z.string().startsWith('datasets/processed/'),
  version: z.string().regex(MODEL_VERSION_PATTERN, 'letters, digits, ".", "_", "-"; at most 64'),
});

export type EnrichInput = z.infer<typeof enrichInputSchema>;

export interface EnrichResult {
  /** complete: every movie with a TMDB id has an answer; partial: the run stopped early. */
  status: 'complete' | 'partial' | 'skipped';
  /** Why the run skipped or stopped early; absent when complete. */
  reason?: string;
  movies: number;
  /** Movies with a TMDB id in links.csv. */
  withTmdbId: number;
  /** Answers fetched from TMDB this run (found or 404). */
  fetched: number;
  /** Answers taken from the cache of earlier runs (found or 404). */
  cached: number;
  /** TMDB ids TMDB does not know (this run and earlier ones). */
  notFound: number;
  /** Answers that were not a movie record of TMDB's shape: left out, fetched again next run. */
  malformed: number;
  /** Requests that failed after their retries: fetched again next run. */
  failed: number;
  /** Movies not asked for because the run stopped (out of time or TMDB down). */
  remaining: number;
  /** Movies of the version that carry TMDB details. */
  enriched: number;
  /** The version's snapshot; null when skipped. */
  snapshotKey: string | null;
}

export interface EnrichPorts {
  store: ObjectStore;
  /** Undefined without a key: the step answers `skipped`. */
  tmdb: TmdbSource | undefined;
  now: () => Date;
  /** Milliseconds (any origin) and the time by which fetching stops. */
  clock: () => number;
  deadline: number;
  /** Requests in flight at once (the rate limit is the client's). @default 16 */
  concurrency?: number;
  warn?: (message: string, fields: Record<string, unknown>) => void;
}

/** Unavailable answers in a row (each after its retries) that mean TMDB is down. */
export const UNAVAILABLE_STREAK = 3;

/**
 * The enrichment step (docs/enrichment.md): for every movie of the processed dataset with a
 * TMDB id, its TMDB record from the cache in the data bucket or else from TMDB (then cached),
 * and a snapshot of the version's records for training and the catalogue. It never fails the
 * training run for TMDB's sake: past the deadline, on a refused key or after
 * UNAVAILABLE_STREAK unavailable answers in a row it stops asking, keeps what it has and says
 * why in its result; a malformed answer is counted and left out.
 */
export async function enrichMovies(input: EnrichInput, ports: EnrichPorts): Promise<EnrichResult> {
  const movies = await readProcessedMovies(ports.store, input.processedPrefix);
  const tmdbIds = [...new Set(movies.flatMap((m) => (m.tmdbId === null ? [] : [m.tmdbId])))];
  const result: EnrichResult = {
    status: 'complete',
    movies: movies.length,
    withTmdbId: movies.filter((m) => m.tmdbId !== null).length,
    fetched: 0,
    cached: 0,
    notFound: 0,
    malformed: 0,
    failed: 0,
    remaining: 0,
    enriched: 0,
    snapshotKey: null,
  };
  if (ports.tmdb === undefined) {
    return { ...result, status: 'skipped', reason: 'no TMDB key configured' };
  }
  const tmdb = ports.tmdb;
  const warn = ports.warn ?? (() => {});

  const listed = (await ports.store.list(pipelineObjectKeys.tmdbMovies)).flatMap((key) => {
    const id = /\/(\d+)\.json$/.exec(key)?.[1];
    return id === undefined ? [] : [Number(id)];
  });
  const wanted = new Set(tmdbIds);
  const records = await cachedRecords(
    ports.store,
    listed.filter((id) => wanted.has(id)),
    warn,
  );
  const notFound = await readNotFound(ports.store);
  const notFoundBefore = notFound.size;
  const todo = tmdbIds.filter((id) => !records.has(id) && !notFound.has(id));
  result.cached = tmdbIds.length - todo.length;

  let stop: string | undefined;
  let streak = 0;
  let next = 0;
  const fetchOne = async (tmdbId: number): Promise<void> => {
    let json: unknown;
    try {
      json = await tmdb.movie(tmdbId);
    } catch (error) {
      if (!(error instanceof TmdbError)) throw error;
      if (error.failure === 'unauthorized') {
        stop ??= `TMDB refused the key (HTTP 401): check the configured key`;
      } else if (error.failure === 'unavailable' && ++streak >= UNAVAILABLE_STREAK) {
        stop ??= `TMDB unavailable: ${error.message}`;
      }
      if (error.failure === 'malformed') result.malformed++;
      else if (error.failure !== 'unauthorized') result.failed++;
      warn('TMDB request failed', { tmdbId, failure: error.failure, error: error.message });
      return;
    }
    streak = 0;
    result.fetched++;
    if (json === undefined) {
      notFound.add(tmdbId);
      return;
    }
    try {
      const movie = tmdbMovieFromJson(json, ports.now().toISOString());
      const record: TmdbRecord = { details: movie.details, reviews: movie.reviews };
      await putJson(ports.store, pipelineObjectKeys.tmdbMovie(tmdbId), record);
      records.set(tmdbId, record);
    } catch (error) {
      if (!(error instanceof MalformedTmdbRecordError)) throw error;
      result.fetched--;
      result.malformed++;
      warn('malformed TMDB record left out', { tmdbId, error: error.message });
    }
  };
  const worker = async (): Promise<void> => {
    while (next < todo.length && stop === undefined) {
      if (ports.clock() >= ports.deadline) {
        stop ??= 'out of time: the rest is fetched by the next run';
        break;
      }
      await fetchOne(todo[next++]!);
    }
  };
  await Promise.all(Array.from({ length: ports.concurrency ?? 16 }, worker));
  result.remaining = todo.length - next;
  if (notFound.size > notFoundBefore) {
    await putJson(
      ports.store,
      pipelineObjectKeys.tmdbNotFound,
      [...notFound].sort((a, b) => a - b),
    );
  }
  result.notFound = tmdbIds.filter((id) => notFound.has(id)).length;

  const snapshot = new Map<number, TmdbRecord>();
  for (const movie of movies) {
    const record = movie.tmdbId === null ? undefined : records.get(movie.tmdbId);
    if (record !== undefined) snapshot.set(movie.id, record);
  }
  await writeTmdbSnapshot(ports.store, input.version, snapshot);
  result.enriched = snapshot.size;
  result.snapshotKey = pipelineObjectKeys.tmdbSnapshot(input.version);
  if (stop !== undefined || result.failed > 0 || result.malformed > 0) {
    result.status = 'partial';
    result.reason =
      stop ??
      `${result.failed + result.malformed} answers failed or were malformed: fetched again by the next run`;
  }
  return result;
}

async function readNotFound(store: ObjectStore): Promise<Set<number>> {
  const bytes = await store.get(pipelineObjectKeys.tmdbNotFound);
  if (bytes === undefined) return new Set();
  const parsed = z.array(z.number().int()).safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  return new Set(parsed.success ? parsed.data : []);
}

/** Cached records read at once: S3 answers each GET in tens of ms. */
const CACHE_READS = 32;

/** The cached records of `ids`; an unreadable one is left out, so it is fetched again. */
async function cachedRecords(
  store: ObjectStore,
  ids: readonly number[],
  warn: (message: string, fields: Record<string, unknown>) => void,
): Promise<Map<number, TmdbRecord>> {
  const records = new Map<number, TmdbRecord>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const tmdbId = ids[next++]!;
      const bytes = await store.get(pipelineObjectKeys.tmdbMovie(tmdbId));
      let record: TmdbRecord | undefined;
      try {
        record =
          bytes === undefined
            ? undefined
            : parseTmdbRecord(JSON.parse(new TextDecoder().decode(bytes)));
      } catch {
        record = undefined;
      }
      if (record === undefined) warn('unreadable cached TMDB record fetched again', { tmdbId });
      else records.set(tmdbId, record);
    }
  };
  await Promise.all(Array.from({ length: CACHE_READS }, worker));
  return records;
}
