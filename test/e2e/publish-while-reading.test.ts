import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SHARED_CACHE_CONTROL } from '../../lambdas/handlers/api/router.ts';
import { call, type Answer } from './api-client.ts';
import { liveVersion } from './live-version.ts';
import { pipelineControl } from './pipeline-control.ts';

/**
 * A training run publishes a new model version while readers hammer the API. Every answer must
 * be a 200 that is exactly what its version answers at rest (so no response mixes two
 * versions), and the versions seen go old → new only. Runs wherever the suite can start a
 * training run: the embedded stack, or Step Functions via MOVIEREC_STATE_MACHINE_ARN.
 */
const control = pipelineControl();

interface Probe {
  name: string;
  request: () => Promise<Answer>;
}

const getProbe = (path: string): Probe => ({
  name: `GET ${path}`,
  request: () => call('GET', path),
});
const PROBES: Probe[] = [
  getProbe('/health'),
  getProbe('/users/414/recommendations?limit=10'),
  getProbe('/users/1/recommendations?limit=10&genre=Drama'),
  getProbe('/users/99999999/recommendations?limit=5'),
  getProbe('/movies/1/similar?limit=10'),
  getProbe('/popular?genre=Comedy&limit=10'),
  getProbe('/users/53/predictions/2571'),
  {
    name: 'POST /recommendations',
    request: () =>
      call('POST', '/recommendations', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ratings: [{ movieId: 1 }, { movieId: 3114, rating: 4 }],
          limit: 10,
        }),
      }),
  },
];

interface Observation {
  reader: number;
  probe: string;
  startedAt: number;
  endedAt: number;
  status: number;
  version: string | undefined;
  body: unknown;
  failure?: string;
}

const READERS = 4;
/** Between one reader's requests, so the readers do not starve the training run of CPU. */
const PAUSE_MS = 10;
/** The API caches the model pointer (per container) for up to a minute (MODEL_CACHE_SECONDS). */
const POINTER_CACHE_MS = 65_000;
/** CloudFront keeps a shared route's answer (/popular, /movies/…) this long. */
const SHARED_CACHE_MS = Number(/s-maxage=(\d+)/.exec(SHARED_CACHE_CONTROL)![1]) * 1000;

const versionOf = (body: unknown): string | undefined => {
  const record = body as { version?: unknown; model?: { version?: unknown } } | undefined;
  const version = record?.version ?? record?.model?.version;
  return typeof version === 'string' ? version : undefined;
};

async function observe(reader: number, probe: Probe): Promise<Observation> {
  const startedAt = performance.now();
  try {
    const answer = await probe.request();
    return {
      reader,
      probe: probe.name,
      startedAt,
      endedAt: performance.now(),
      status: answer.status,
      version: versionOf(answer.json),
      body: answer.json ?? answer.text,
    };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    const failure = `${(error as Error).message}${cause === undefined ? '' : ` (${cause})`}`;
    return {
      reader,
      probe: probe.name,
      startedAt,
      endedAt: performance.now(),
      status: 0,
      version: undefined,
      body: undefined,
      failure,
    };
  }
}

/** Each probe's body at rest, all of one version. */
async function snapshot(): Promise<{ version: string; bodies: Map<string, unknown> }> {
  const version = await liveVersion();
  const bodies = new Map<string, unknown>();
  for (const probe of PROBES) {
    const seen = await observe(-1, probe);
    expect(seen.status, `${probe.name}: ${JSON.stringify(seen.body)}`).toBe(200);
    expect(seen.version, probe.name).toBe(version);
    bodies.set(probe.name, seen.body);
  }
  expect(await liveVersion(), 'the model changed while taking the snapshot').toBe(version);
  return { version, bodies };
}

/**
 * Runs a forced training run to its end, then waits until the API answers with a new version
 * (its model pointer is cached for up to a minute) and, on a remote deployment whose warm
 * containers each cache it, until the cache has expired everywhere.
 */
async function trainAndSettle(oldVersion: string, remote: boolean) {
  const executionId = await control!.startForced();
  let outcome: { status: string; detail?: string };
  do {
    await sleep(2_000);
    outcome = await control!.status(executionId);
  } while (outcome.status === 'RUNNING');
  const succeededAt = performance.now();
  if (outcome.status === 'SUCCEEDED') {
    while ((await liveVersion()) === oldVersion) {
      if (performance.now() - succeededAt > POINTER_CACHE_MS) break;
      await sleep(1_000);
    }
  }
  // Remote: a container may fetch the old version until its pointer cache expires, and CloudFront
  // may keep that answer for a shared route's s-maxage after it.
  const settledAt = remote ? succeededAt + POINTER_CACHE_MS + SHARED_CACHE_MS : performance.now();
  while (performance.now() < settledAt + 2_000) await sleep(500);
  return { outcome, settledAt };
}

describe.runIf(control !== undefined)('publishing a new version while reading', () => {
  it(
    'serves every request whole from one version, old then new',
    { timeout: 900_000 },
    async () => {
      const before = await snapshot();
      const remote = (process.env.MOVIEREC_API_URL ?? '') !== '';
      const observations: Observation[] = [];
      let reading = true;
      const readers = Array.from({ length: READERS }, async (_, reader) => {
        for (let i = reader; reading; i++) {
          observations.push(await observe(reader, PROBES[i % PROBES.length]!));
          await sleep(PAUSE_MS);
        }
      });

      let run: { outcome: { status: string; detail?: string }; settledAt: number };
      try {
        run = await trainAndSettle(before.version, remote);
      } finally {
        reading = false;
        await Promise.all(readers);
      }
      const { outcome, settledAt } = run;
      expect(outcome.status, `${control!.name}: ${outcome.detail ?? ''}`).toBe('SUCCEEDED');

      const after = await snapshot();
      expect(after.version).not.toBe(before.version);
      const canonical = new Map([
        [before.version, before.bodies],
        [after.version, after.bodies],
      ]);

      const newCount = observations.filter((o) => o.version === after.version).length;
      console.info(
        `${observations.length} answers while ${control!.name} republished: ` +
          `${observations.length - newCount} of ${before.version}, ${newCount} of ${after.version}`,
      );
      expect(observations.length).toBeGreaterThan(PROBES.length * READERS);
      const failures = observations.filter((o) => o.status !== 200);
      const kinds = [...new Set(failures.map((o) => `${o.probe}: ${o.status} ${o.failure ?? ''}`))];
      expect(kinds.slice(0, 10), `${failures.length} failed requests`).toEqual([]);

      const unknownVersion = observations.filter((o) => !canonical.has(o.version ?? ''));
      expect(unknownVersion.slice(0, 5), 'versions other than the old and the new').toEqual([]);

      // Whole: exactly the body its version answers at rest.
      const mixed = observations.filter(
        (o) => JSON.stringify(o.body) !== JSON.stringify(canonical.get(o.version!)!.get(o.probe)),
      );
      expect(
        mixed.slice(0, 3),
        `${mixed.length} answers differ from their version at rest`,
      ).toEqual([]);

      // Monotonic: once any answer with the new version has ended, no later request sees the old.
      const isNew = (o: Observation) => o.version === after.version;
      const firstNewEnd = Math.min(...observations.filter(isNew).map((o) => o.endedAt));
      expect(Number.isFinite(firstNewEnd), 'the readers saw the new version').toBe(true);
      const cutoff = remote ? settledAt : firstNewEnd;
      const backwards = observations.filter((o) => !isNew(o) && o.startedAt > cutoff);
      expect(backwards.slice(0, 5), `${backwards.length} old answers after the new one`).toEqual(
        [],
      );
      expect(
        observations.filter((o) => !isNew(o)).length,
        'the readers saw the old version',
      ).toBeGreaterThan(0);
    },
  );
});
