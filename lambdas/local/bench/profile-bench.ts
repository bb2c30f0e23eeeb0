import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createRng } from '../../core/random.ts';
import { BUILT_IN_DATASET, loadDataset } from '../load-dataset.ts';
import { CONTENT_SHA256_HEADER, payloadSha256 } from '../stack/origin-access-control.ts';
import type { LoadRun } from './load-bench.ts';
import { chooseConnections, toLoadRun } from './load-bench.ts';
import { startServerProcess } from './load-server-process.ts';
import { describeMachine, type MachineInfo } from './machine.ts';

/** Issue 10's targets for the profile routes on the embedded stack. */
export const PROFILE_TARGET = { writesPerSecond: 300, recommendationsP99Ms: 50 } as const;

/** A search over connections and the final run at its knee, for one route. */
export interface ProfileRouteLoad {
  route: string;
  search: LoadRun[];
  final: LoadRun;
}

export interface ProfileBench {
  date: string;
  machine: MachineInfo;
  loadAverage: number[];
  profiles: number;
  /** Ratings each profile was given before the runs. */
  ratingsPerProfile: number;
  writes: ProfileRouteLoad;
  recommendations: ProfileRouteLoad;
}

export interface ProfileBenchOptions {
  seed: number;
  log: (line: string) => void;
  /** @default 30 */
  durationS?: number;
  /** @default 5 */
  searchDurationS?: number;
  /** @default 1000: at 300 writes/s each profile stays far below 120 writes a minute. */
  profiles?: number;
  /** @default .local/bench/profile-stack */
  stateDir?: string;
}

const CONNECTIONS = [1, 2, 4, 8, 16, 32, 64];
const RATINGS_PER_PROFILE = 5;
const DEFAULT_STATE_DIR = fileURLToPath(
  new URL('../../../.local/bench/profile-stack', import.meta.url),
);

/**
 * Load on the profile routes of the embedded local stack (trained on the built-in
 * ml-latest-small), server in a child process as in load-bench.ts: many profiles (the
 * per-profile write limit holds each to 120 writes a minute; the per-address creation limit is
 * raised for the bench through the API's environment), each given a few ratings, then
 * `PUT /profiles/{id}/ratings/{movieId}` with random profiles, movies and half-star ratings, and
 * `GET /profiles/{id}/recommendations` (live fold-in from the stored ratings) for random
 * profiles, each searched over connections and held at its knee (chooseConnections).
 */
export async function measureProfileLoad(options: ProfileBenchOptions): Promise<ProfileBench> {
  const { log } = options;
  const durationS = options.durationS ?? 30;
  const searchDurationS = options.searchDurationS ?? 5;
  const count = options.profiles ?? 1000;
  const { dataset } = await loadDataset(BUILT_IN_DATASET);
  const movieIds = dataset.itemIds;
  const rng = createRng(options.seed);
  const randomMovie = () => movieIds[rng.int(movieIds.length)]!;
  const randomRating = () => (1 + rng.int(10)) / 2;

  log('  starting the local stack in a child process (trains ml-latest-small first)');
  const server = await startServerProcess(options.stateDir ?? DEFAULT_STATE_DIR, {
    env: { PROFILE_CREATIONS_PER_HOUR: String(count * 10) },
  });
  try {
    const api = `${server.url}/api`;
    log(`  creating ${count} profiles with ${RATINGS_PER_PROFILE} ratings each`);
    const profiles: { profileId: string; token: string }[] = [];
    for (let i = 0; i < count; i++) {
      const created = await fetch(`${api}/profiles`, {
        method: 'POST',
        headers: { [CONTENT_SHA256_HEADER]: payloadSha256('') },
      });
      if (created.status !== 201) throw new Error(`POST /profiles answered ${created.status}`);
      const profile = (await created.json()) as { profileId: string; token: string };
      for (let r = 0; r < RATINGS_PER_PROFILE; r++) {
        const body = JSON.stringify({ rating: randomRating() });
        const rated = await fetch(`${api}/profiles/${profile.profileId}/ratings/${randomMovie()}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${profile.token}`,
            'content-type': 'application/json',
            [CONTENT_SHA256_HEADER]: payloadSha256(body),
          },
          body,
        });
        if (rated.status !== 200) throw new Error(`PUT rating answered ${rated.status}`);
      }
      profiles.push(profile);
    }
    const date = new Date().toISOString();
    const loadAverage = loadavg();
    const randomProfile = () => profiles[rng.int(profiles.length)]!;

    const route = async (
      name: string,
      request: () => {
        method: 'PUT' | 'GET';
        path: string;
        headers: Record<string, string>;
        body?: string;
      },
    ): Promise<ProfileRouteLoad> => {
      const run = async (connections: number, seconds: number): Promise<LoadRun> => {
        const result = await autocannon({
          url: server.url,
          connections,
          pipelining: 1,
          duration: seconds,
          requests: [{ setupRequest: (base) => ({ ...base, ...request() }) }],
        });
        const figures = toLoadRun(result);
        log(
          `  ${name}: ${connections} connections, ${seconds} s: ` +
            `${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms} ms, ` +
            `p99 ${figures.p99Ms} ms, ${figures.errors} errors, ${figures.non2xx} non-2xx`,
        );
        return figures;
      };
      await run(4, 3); // warm-up
      const search: LoadRun[] = [];
      for (const connections of CONNECTIONS) {
        const figures = await run(connections, searchDurationS);
        search.push(figures);
        if (figures.errors > 0 || figures.non2xx > 0) break;
      }
      const chosen = chooseConnections(search);
      log(`  ${name}: final run, ${chosen} connections for ${durationS} s`);
      return { route: name, search, final: await run(chosen, durationS) };
    };

    const writes = await route('PUT /api/profiles/{id}/ratings/{movieId}', () => {
      const { profileId, token } = randomProfile();
      const body = JSON.stringify({ rating: randomRating() });
      return {
        method: 'PUT',
        path: `/api/profiles/${profileId}/ratings/${randomMovie()}`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          [CONTENT_SHA256_HEADER]: payloadSha256(body),
        },
        body,
      };
    });
    const recommendations = await route('GET /api/profiles/{id}/recommendations', () => {
      const { profileId, token } = randomProfile();
      return {
        method: 'GET',
        path: `/api/profiles/${profileId}/recommendations`,
        headers: { authorization: `Bearer ${token}` },
      };
    });
    return {
      date,
      machine: describeMachine(),
      loadAverage,
      profiles: count,
      ratingsPerProfile: RATINGS_PER_PROFILE,
      writes,
      recommendations,
    };
  } finally {
    await server.close();
  }
}
