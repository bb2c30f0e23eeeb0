import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  modelResponse,
  profileCreatedResponse,
  profileRecommendationsResponse,
} from '../../lambdas/handlers/api/api-schemas.ts';
import { SHARED_CACHE_CONTROL } from '../../lambdas/handlers/api/router.ts';
import { call, get, ok, postJson } from './api-client.ts';
import { dataBucket } from './data-bucket.ts';
import { liveVersion } from './live-version.ts';
import type { ExecutionStatus } from './pipeline-control.ts';
import { pipelineControl } from './pipeline-control.ts';

/**
 * Retraining on what users rate (docs/retraining.md): a forced run trains on a profile's
 * ratings and an operator file under datasets/incoming/, the new version's rating count grows
 * by exactly those, GET /model shows where they came from and the profile gets a precomputed
 * list; a malformed operator file fails the run with its key and line and the live version
 * stays. Needs a way to start runs and to reach the data bucket (the embedded stack has both;
 * a deployment needs MOVIEREC_STATE_MACHINE_ARN and MOVIEREC_DATA_BUCKET).
 */
const control = pipelineControl();
const SHARED_CACHE_MS = Number(/s-maxage=(\d+)/.exec(SHARED_CACHE_CONTROL)![1]) * 1000;
const bucket = dataBucket();

/** Toy Story, A Bug's Life, Toy Story 2, Monsters, Inc. */
const ANIMATED = [1, 2355, 3114, 4886];
const RUN = Date.now();
const GOOD_FILE = `datasets/incoming/e2e-retraining-${RUN}.csv`;
const BAD_FILE = `datasets/incoming/e2e-retraining-${RUN}-malformed.csv`;
/** A new operator user (above every ml-latest-small id) rating two movies. */
const OPERATOR_CSV =
  'userId,movieId,rating,timestamp\n900001,1,4.5,1700000000\n900001,2571,5,1700000060\n';

async function forcedRun(): Promise<{ status: ExecutionStatus; detail?: string }> {
  const id = await control!.startForced();
  for (;;) {
    const outcome = await control!.status(id);
    if (outcome.status !== 'RUNNING') return outcome;
    await sleep(2_000);
  }
}

/**
 * GET /model once it names the live version of GET /health: /model is a shared route, which
 * CloudFront may answer from its cache for up to a minute after a publish (SHARED_CACHE_CONTROL).
 */
async function model() {
  const deadline = performance.now() + SHARED_CACHE_MS + 10_000;
  for (;;) {
    const answer = ok(await get('/model'), modelResponse);
    if (answer.version === (await liveVersion()) || performance.now() > deadline) return answer;
    await sleep(2_000);
  }
}

/**
 * The live version once it is no longer `old`: the API caches the model pointer for up to a
 * minute (MODEL_CACHE_SECONDS), so a publish shows in /health within that time, not at once.
 */
async function nextLiveVersion(old: string): Promise<string> {
  const deadline = performance.now() + 60_000 + SHARED_CACHE_MS + 10_000;
  for (;;) {
    const version = await liveVersion();
    if (version !== old || performance.now() > deadline) return version;
    await sleep(2_000);
  }
}

/** The registry entry of the live version: its rating count and sources. */
async function liveDetails() {
  const { details } = await model();
  expect(details, 'the live version has a registry entry').not.toBeNull();
  return details as NonNullable<typeof details> & {
    dataset: { ratings: number };
  };
}

describe.skipIf(control === undefined || bucket === undefined)(
  'retraining on what users rate',
  () => {
    let profile: { profileId: string; token: string } | undefined;
    const auth = () => ({ authorization: `Bearer ${profile!.token}` });

    afterAll(async () => {
      await bucket?.remove(GOOD_FILE);
      await bucket?.remove(BAD_FILE);
      if (profile !== undefined) {
        await call('DELETE', `/profiles/${profile.profileId}`, { headers: auth() });
      }
    });

    it(
      'a forced run trains on a profile and an operator file: exactly their ratings, sources, a precomputed list',
      { timeout: 1_200_000 },
      async () => {
        // A run first, so that the version compared with holds every rating written so far.
        const prior = await liveVersion();
        const baseline = await forcedRun();
        expect(baseline.status, `${control!.name}: ${baseline.detail ?? ''}`).toBe('SUCCEEDED');
        await nextLiveVersion(prior);
        const before = await liveDetails();

        const created = await postJson('/profiles', {});
        expect(created.status, created.text).toBe(201);
        profile = profileCreatedResponse.parse(created.json);
        for (const movieId of ANIMATED) {
          const rated = await call('PUT', `/profiles/${profile.profileId}/ratings/${movieId}`, {
            headers: { ...auth(), 'content-type': 'application/json' },
            body: JSON.stringify({ rating: 4.5 }),
          });
          expect(rated.status, rated.text).toBe(200);
        }
        await bucket!.put(GOOD_FILE, OPERATOR_CSV);

        const outcome = await forcedRun();
        expect(outcome.status, `${control!.name}: ${outcome.detail ?? ''}`).toBe('SUCCEEDED');
        await nextLiveVersion(before.version);
        const after = await liveDetails();
        expect(after.version).not.toBe(before.version);
        expect(after.dataset.ratings).toBe(before.dataset.ratings + ANIMATED.length + 2);
        expect(after.sources).toBeDefined();
        expect(after.sources!.operatorFileKeys).toContain(GOOD_FILE);
        expect(after.sources!.profiles).toBe((before.sources?.profiles ?? 0) + ANIMATED.length);
        expect(after.sources!.profileUsers).toBe((before.sources?.profileUsers ?? 0) + 1);
        expect(after.sources!.operatorFiles).toBe((before.sources?.operatorFiles ?? 0) + 2);
        const { sources } = after;
        expect(sources!.dataset + sources!.profiles + sources!.operatorFiles).toBe(
          after.dataset.ratings,
        );

        const recs = ok(
          await get(`/profiles/${profile.profileId}/recommendations?limit=10`, { headers: auth() }),
          profileRecommendationsResponse,
        );
        expect(recs).toMatchObject({ version: after.version, source: 'precomputed' });
        expect(recs.movies.length).toBeGreaterThan(0);
        expect(recs.movies.every((movie) => !ANIMATED.includes(movie.movieId))).toBe(true);
      },
    );

    it(
      'a malformed operator file fails the run with its key and line, and the live version keeps serving',
      { timeout: 900_000 },
      async () => {
        const live = await liveVersion();
        await bucket!.put(
          BAD_FILE,
          'userId,movieId,rating,timestamp\n900002,1,4,1700000000\n900002,2571,nine,1700000001\n',
        );
        try {
          const outcome = await forcedRun();
          expect(outcome.status).toBe('FAILED');
          expect(outcome.detail).toContain(`${BAD_FILE} line 3: rating "nine" is not a number`);
          expect(await liveVersion()).toBe(live);
          expect((await get('/users/1/recommendations?limit=5')).status).toBe(200);
        } finally {
          await bucket!.remove(BAD_FILE);
        }
      },
    );
  },
);
