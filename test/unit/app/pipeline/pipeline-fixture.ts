import { zipSync } from 'fflate';
import type { DatasetSource } from '../../../../lambdas/app/pipeline/dataset-source.ts';
import { enrichMovies } from '../../../../lambdas/app/pipeline/enrich-movies.ts';
import { evaluateVersion } from '../../../../lambdas/app/pipeline/evaluate-version.ts';
import { ingestDataset } from '../../../../lambdas/app/pipeline/ingest-dataset.ts';
import { readModelVersion } from '../../../../lambdas/app/pipeline/model-version-files.ts';
import type { ObjectStore } from '../../../../lambdas/app/pipeline/object-store.ts';
import { bytesAsRandomAccess, getJson } from '../../../../lambdas/app/pipeline/object-store.ts';
import { publishCatalogue } from '../../../../lambdas/app/pipeline/publish-catalogue.ts';
import { publishVersion } from '../../../../lambdas/app/pipeline/publish-version.ts';
import { readProcessedCatalogue } from '../../../../lambdas/app/pipeline/processed-dataset.ts';
import { scoreShard } from '../../../../lambdas/app/pipeline/score-shard.ts';
import type { ShardDescriptor } from '../../../../lambdas/app/pipeline/shard-manifest.ts';
import { writeShardManifest } from '../../../../lambdas/app/pipeline/shard-manifest.ts';
import type {
  ProfileRatings,
  ProfileRatingsSource,
} from '../../../../lambdas/app/pipeline/profile-ratings-source.ts';
import { readProfileUsers } from '../../../../lambdas/app/pipeline/training-origin.ts';
import { readTmdbSnapshot } from '../../../../lambdas/app/pipeline/tmdb-snapshot.ts';
import type { TmdbSource } from '../../../../lambdas/app/pipeline/tmdb-source.ts';
import { trainVersion } from '../../../../lambdas/app/pipeline/train-version.ts';
import type { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import type { InMemoryServingWriter } from '../../../../lambdas/local/in-memory-serving-writer.ts';

/**
 * A tiny ml-latest-small-shaped dataset as a GroupLens-style zip: 12 movies in two taste groups
 * (Comedy 1–6, Drama 7–12), TINY_USERS users who rate five or six movies of their group highly and one
 * of the other group low, plus tags and links. Every movie gets more than ten ratings, enough
 * for EASE's minimum count.
 */
export const TINY_USERS = 40;

export function tinyMovieLensZip(name = 'ml-latest-small'): Uint8Array {
  const movies = ['movieId,title,genres'];
  for (let m = 1; m <= 12; m++) {
    movies.push(`${m},Movie ${m} (${1990 + m}),${m <= 6 ? 'Comedy' : 'Drama|Romance'}`);
  }
  const ratings = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= TINY_USERS; u++) {
    const base = u % 2 === 1 ? 0 : 6;
    for (let j = 0; j < 6; j++) {
      if ((u + j) % 7 === 0) continue;
      ratings.push(
        `${u},${base + j + 1},${4 + ((u + j) % 3) * 0.5},${1_000_000_000 + u * 1000 + j}`,
      );
    }
    ratings.push(`${u},${((base + 6) % 12) + 1 + (u % 3)},1.5,${1_100_000_000 + u}`);
  }
  const tags = [
    'userId,movieId,tag,timestamp',
    '1,1,funny,1000000000',
    '3,1,Funny,1000000001',
    '2,7,sad,1000000002',
  ];
  const links = ['movieId,imdbId,tmdbId'];
  for (let m = 1; m <= 12; m++) links.push(`${m},${String(m).padStart(7, '0')},${100 + m}`);
  const encode = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
  return zipSync({
    [`${name}/movies.csv`]: encode(movies),
    [`${name}/ratings.csv`]: encode(ratings),
    [`${name}/tags.csv`]: encode(tags),
    [`${name}/links.csv`]: encode(links),
  });
}

/**
 * A DatasetSource that serves fixed bytes per uri, keeping them at the raw key in `store` as the
 * real one does, and records what was staged.
 */
export function fixedSource(
  byUri: Record<string, Uint8Array>,
  store: ObjectStore,
): DatasetSource & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    async stage(uri, rawKey) {
      fetched.push(uri);
      const bytes = byUri[uri];
      if (bytes === undefined) throw new Error(`no fixture for ${uri}`);
      await store.put(rawKey, bytes);
      return bytesAsRandomAccess((await store.get(rawKey))!);
    },
  };
}

export const noSleep = { sleep: () => Promise.resolve() };

/** Profiles as ingest reads them, with the `ratingsCollected` counter at `collected`. */
export function profileSource(profiles: ProfileRatings[], collected = 0): ProfileRatingsSource {
  return {
    ratingsCollected: () => Promise.resolve(collected),
    profiles: () => Promise.resolve(structuredClone(profiles)),
  };
}

const URL = 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip';

/** One full run of the use-cases in the order of the state machine, through in-memory ports. */
export async function runPipeline(
  store: InMemoryObjectStore,
  serving: InMemoryServingWriter,
  at: string,
  options: {
    seed?: number;
    force?: boolean;
    shardSize?: number;
    profiles?: ProfileRatingsSource;
    /** Runs the Enrich state with this TMDB (skipped without one, as without a key). */
    tmdb?: TmdbSource;
  } = {},
) {
  const now = () => new Date(at);
  const ingest = await ingestDataset(
    { dataset: 'ml-latest-small' },
    {
      source: fixedSource({ [URL]: tinyMovieLensZip() }, store),
      store,
      profiles: options.profiles ?? profileSource([]),
      now,
    },
  );
  const version = `${ingest.version}-s${options.seed ?? 42}`;
  const enrichment =
    options.tmdb === undefined
      ? null
      : await enrichMovies(
          { processedPrefix: ingest.processedPrefix, version },
          { store, tmdb: options.tmdb, now, clock: () => 0, deadline: 1 },
        );
  await trainVersion(
    { processedPrefix: ingest.processedPrefix, version, seed: options.seed ?? 42 },
    { store, now, seconds: () => 0 },
  );
  const evaluation = await evaluateVersion(
    { version, ...(options.force !== undefined && { force: options.force }) },
    { store, serving },
  );
  if (!evaluation.passed) return { ingest, version, enrichment, evaluation, publish: null };
  const manifest = await writeShardManifest(
    { version, shardSize: options.shardSize ?? 3 },
    { store },
  );
  const shards = (await getJson(store, manifest.key)) as ShardDescriptor[];
  const loadVersion = (v: string) => readModelVersion(store, v);
  const loadProfileUsers = (v: string) => readProfileUsers(store, v);
  for (const shard of shards) {
    await scoreShard(shard, { loadVersion, loadProfileUsers, serving, write: noSleep, topN: 5 });
  }
  await publishCatalogue(
    { version },
    {
      model: await loadVersion(version),
      dataset: await readProcessedCatalogue(store, ingest.processedPrefix),
      store,
      serving,
      write: noSleep,
      tmdb: await readTmdbSnapshot(store, version),
    },
  );
  const publish = await publishVersion(
    { version, expectedLiveVersion: evaluation.liveVersion },
    { store, serving, now },
  );
  return { ingest, version, enrichment, evaluation, publish, shards };
}
