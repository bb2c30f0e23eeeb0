import { createHash, randomBytes } from 'node:crypto';
import {
  CONTENT_SHA256_HEADER,
  payloadSha256,
} from '../../../lambdas/local/stack/origin-access-control.ts';

interface StoredProfile {
  token: string;
  createdAt: string;
  ratings: Map<number, { rating: number; ratedAt: string }>;
}

type Failure = { status: number; headers?: Record<string, string> } | 'offline';

const MOVIES = new Map([
  [1, 'Toy Story (1995)'],
  [6, 'Heat (1995)'],
  [1214, 'Alien (1979)'],
]);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const error = (status: number, code: string, message: string, headers = {}) =>
  json(status, { error: { code, message } }, headers);

/**
 * The profile routes of the API as the web app sees them over `fetch` (the contract of
 * api-schemas.ts and the body hash CloudFront's origin access control needs), in memory: for testing the web app's profile store without a server. It can
 * fail the next requests, hold them to see what is in flight, and records what it was asked.
 */
export class FakeProfileApi {
  readonly profiles = new Map<string, StoredProfile>();
  readonly requests: string[] = [];
  inFlight = 0;
  mostInFlight = 0;
  private failures: Failure[] = [];
  private held: (() => void)[] | null = null;

  constructor(readonly maxRatings = 100) {}

  /** The next requests fail, one failure each, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /** Requests wait until `release()`. */
  hold(): void {
    this.held = [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const resume of waiting) resume();
  }

  /** A profile made as `POST /profiles` makes one; returns its token. */
  addProfile(ratings: Record<number, number> = {}): { profileId: string; token: string } {
    const token = randomBytes(32).toString('base64url');
    const profileId = createHash('sha256')
      .update(`movierec-profile:${token}`)
      .digest('base64url')
      .slice(0, 22);
    const now = new Date().toISOString();
    this.profiles.set(profileId, {
      token,
      createdAt: now,
      ratings: new Map(
        Object.entries(ratings).map(([id, r]) => [Number(id), { rating: r, ratedAt: now }]),
      ),
    });
    return { profileId, token };
  }

  ratingsOf(profileId: string): Record<number, number> | undefined {
    const profile = this.profiles.get(profileId);
    return profile && Object.fromEntries([...profile.ratings].map(([id, r]) => [id, r.rating]));
  }

  readonly fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(String(input), 'http://site.test');
    this.requests.push(`${method} ${url.pathname}`);
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      if (this.held) await new Promise<void>((resume) => this.held!.push(resume));
      await Promise.resolve();
      const failure = this.failures.shift();
      if (failure === 'offline') throw new TypeError('Failed to fetch');
      if (failure) return error(failure.status, 'failed', 'Injected failure.', failure.headers);
      return this.answer(method, url.pathname, init);
    } finally {
      this.inFlight--;
    }
  };

  private answer(method: string, path: string, init: RequestInit): Response {
    // Origin access control on the function URL: a POST or PUT without its body's hash is refused.
    const hash = new Headers(init.headers).get(CONTENT_SHA256_HEADER);
    if (
      (method === 'POST' || method === 'PUT') &&
      hash !== payloadSha256(String(init.body ?? ''))
    ) {
      return error(403, 'missing_content_sha256', `Send ${CONTENT_SHA256_HEADER}.`);
    }
    if (method === 'POST' && path === '/api/profiles') return json(201, this.addProfile());
    const match = /^\/api\/profiles\/([^/]+)(?:\/(ratings)(?:\/(\d+))?)?$/.exec(path);
    if (!match) return error(404, 'not_found', `No route ${method} ${path}.`);
    const [, profileId, ratings, movie] = match;
    const authorization = new Headers(init.headers).get('authorization');
    if (authorization === null) return error(401, 'unauthorized', 'A bearer token is required.');
    const profile = this.profiles.get(profileId!);
    if (!profile) return error(404, 'profile_not_found', 'No such profile.');
    if (authorization !== `Bearer ${profile.token}`) {
      return error(403, 'forbidden', 'The token is not this profile’s.');
    }
    if (ratings === undefined) {
      if (method === 'DELETE') {
        this.profiles.delete(profileId!);
        return new Response(null, { status: 204 });
      }
      return json(200, {
        profileId,
        createdAt: profile.createdAt,
        updatedAt: profile.createdAt,
        ratingCount: profile.ratings.size,
        maxRatings: this.maxRatings,
      });
    }
    if (movie === undefined) {
      const list = [...profile.ratings].reverse().map(([movieId, r]) => ({
        movieId,
        title: MOVIES.get(movieId) ?? `Movie ${movieId}`,
        ...r,
      }));
      return json(200, { profileId, ratings: list });
    }
    const movieId = Number(movie);
    if (method === 'DELETE') {
      profile.ratings.delete(movieId);
      return new Response(null, { status: 204 });
    }
    const title = MOVIES.get(movieId);
    if (title === undefined) return error(404, 'movie_not_found', `No movie ${movieId}.`);
    if (!profile.ratings.has(movieId) && profile.ratings.size >= this.maxRatings) {
      return error(409, 'too_many_ratings', `A profile holds at most ${this.maxRatings} ratings.`);
    }
    const { rating } = JSON.parse(String(init.body)) as { rating: number };
    const ratedAt = new Date().toISOString();
    profile.ratings.delete(movieId);
    profile.ratings.set(movieId, { rating, ratedAt });
    return json(200, { movieId, title, rating, ratedAt });
  }
}
