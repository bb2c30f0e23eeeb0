import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServerProcess } from '../../lambdas/local/bench/load-server-process.ts';
import { startFakeTmdb } from '../fixtures/fake-tmdb.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** API base without a trailing slash, e.g. http://127.0.0.1:1234/api. */
    apiUrl: string;
    /** Web root without a trailing slash; '' when remote and MOVIEREC_SITE_URL is unset. */
    siteUrl: string;
    /**
     * The data bucket, for tests that drop operator files: the embedded stack's S3 emulator, or
     * MOVIEREC_DATA_BUCKET with the SDK's own endpoint and credentials (endpoint null); null
     * when remote without it.
     */
    dataBucket: { endpoint: string | null; name: string } | null;
    /**
     * True when the system was enriched from the fake TMDB (test/fixtures/fake-tmdb.ts), so
     * movies carry its fixtures; false against a deployment (its TMDB, or none).
     */
    tmdbFixtures: boolean;
  }
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The system the e2e and browser tests talk to. With MOVIEREC_API_URL set (LocalStack or AWS)
 * the tests use it as is; otherwise the embedded local stack (`startLocalStack`) starts in a
 * fresh temp dir on a free port, serving the web app too, trains on the built-in
 * ml-latest-small enriched from the fake TMDB, and is closed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const remote = process.env.MOVIEREC_API_URL;
  if (remote !== undefined && remote !== '') {
    project.provide('apiUrl', withoutTrailingSlash(remote));
    project.provide('siteUrl', withoutTrailingSlash(process.env.MOVIEREC_SITE_URL ?? ''));
    const bucket = process.env.MOVIEREC_DATA_BUCKET ?? '';
    project.provide('dataBucket', bucket === '' ? null : { endpoint: null, name: bucket });
    project.provide('tmdbFixtures', false);
    return async () => {};
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'movierec-e2e-'));
  const started = Date.now();
  // The built-in run is enriched from the fake TMDB on loopback, as fast as it answers.
  const tmdb = await startFakeTmdb();
  // In a child process: vitest's module runner cannot host the stack (no import.meta.resolve),
  // and the server gets an event loop of its own.
  const stack = await startServerProcess(stateDir, {
    site: true,
    env: {
      TMDB_API_KEY: tmdb.key,
      TMDB_API_URL: tmdb.url,
      TMDB_REQUESTS_PER_SECOND: '5000',
      // The defaults and one random point per model: the Tune state and the model page's trials.
      MOVIEREC_TUNING_TRIALS: '2',
    },
  }).catch(async (error: unknown) => {
    await tmdb.close();
    throw error;
  });
  process.stderr.write(
    `[local stack] serving ${stack.url} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  project.provide('apiUrl', `${withoutTrailingSlash(stack.url)}/api`);
  project.provide('siteUrl', withoutTrailingSlash(stack.url));
  project.provide('dataBucket', stack.dataBucket);
  project.provide('tmdbFixtures', true);
  return async () => {
    await stack.close();
    await tmdb.close();
    await rm(stateDir, { recursive: true, force: true });
  };
}
