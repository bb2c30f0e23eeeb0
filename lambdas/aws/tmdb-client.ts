import type { TmdbSource } from '../app/pipeline/tmdb-source.ts';
import { TmdbError } from '../app/pipeline/tmdb-source.ts';
import type { HttpAnswer } from './http-send.ts';
import { createNodeHttpSend } from './http-send.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { backoffDelay } from './throttle-retry.ts';

export const TMDB_DEFAULT_URL = 'https://api.themoviedb.org';

export interface TmdbClientOptions {
  /** TMDB's origin, e.g. https://api.themoviedb.org (a fake's in tests). */
  baseUrl: string;
  /**
   * A v4 API Read Access Token (sent as `Authorization: Bearer`) or a v3 API key (32 hex digits,
   * sent as the `api_key` query parameter, as TMDB accepts both).
   */
  key: string;
  /** @default 40, below TMDB's ~50 per second and IP */
  requestsPerSecond?: number;
  /** Calls per movie in total, the first included. @default 5 */
  attempts?: number;
  /** A request with no answer for this long fails (and is retried). @default 10,000 */
  timeoutMs?: number;
  /** Uniform [0, 1) for the backoff's jitter; injectable so tests are deterministic. */
  random?: () => number;
}

/** Longest Retry-After honoured: a longer one is treated as "TMDB is unavailable now". */
const MAX_RETRY_AFTER_MS = 60_000;

const V3_KEY = /^[0-9a-f]{32}$/i;

/**
 * TMDB's movie endpoint over HTTPS with the three manners TMDB asks for: a client-side rate
 * limit (rate-limiter.ts), 429 answered by waiting its Retry-After (every request of this client
 * waits, not only the refused one), and 5xx or no answer retried with capped exponential backoff
 * and full jitter, `attempts` calls in all. 404 is "no such movie" (undefined). The key never
 * appears in an error message or a log line: only the movie id does.
 */
export function createTmdbClient(options: TmdbClientOptions): TmdbSource {
  const key = options.key.trim();
  if (key === '') throw new Error('TMDB key is empty');
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`TMDB url must be http(s): ${options.baseUrl}`);
  const send = createNodeHttpSend({ timeoutMs: options.timeoutMs ?? 10_000 });
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const limiter = createRateLimiter(options.requestsPerSecond ?? 40);
  const attempts = options.attempts ?? 5;
  const v3 = V3_KEY.test(key);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(!v3 && { authorization: `Bearer ${key}` }),
  };
  const backoff = {
    baseDelayMs: 500,
    maxDelayMs: 8000,
    ...(options.random && { random: options.random }),
  };

  return {
    async movie(tmdbId) {
      if (!(Number.isInteger(tmdbId) && tmdbId > 0)) throw new RangeError(`bad TMDB id ${tmdbId}`);
      const url = new URL(`/3/movie/${tmdbId}`, base);
      url.searchParams.set('append_to_response', 'credits,keywords,reviews');
      if (v3) url.searchParams.set('api_key', key);
      const what = `TMDB movie ${tmdbId}`;
      let last = '';
      for (let attempt = 0; attempt < attempts; attempt++) {
        await limiter.acquire();
        let answer: HttpAnswer;
        try {
          answer = await send({ url: url.href, method: 'GET', headers });
        } catch (error) {
          last = `no answer (${(error as Error).message})`;
          if (attempt + 1 < attempts) await sleep(backoffDelay(attempt, backoff));
          continue;
        }
        const { status } = answer;
        if (status === 200) {
          try {
            return JSON.parse(answer.body.toString('utf8')) as unknown;
          } catch {
            throw new TmdbError('malformed', `${what}: answer is not JSON`);
          }
        }
        if (status === 404) return undefined;
        if (status === 401) {
          throw new TmdbError('unauthorized', `${what}: TMDB refused the key (HTTP 401)`);
        }
        if (status === 429) {
          const wait = retryAfterMs(answer.headers?.['retry-after']);
          last = `rate limited (HTTP 429)`;
          if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) break;
          limiter.pause(wait ?? backoffDelay(attempt, backoff));
          continue;
        }
        if (status >= 500) {
          last = `HTTP ${status}`;
          if (attempt + 1 < attempts) await sleep(backoffDelay(attempt, backoff));
          continue;
        }
        throw new TmdbError('rejected', `${what}: HTTP ${status}`);
      }
      throw new TmdbError('unavailable', `${what}: ${last} after ${attempts} attempts`);
    },
  };
}

/** Retry-After in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent. */
function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
