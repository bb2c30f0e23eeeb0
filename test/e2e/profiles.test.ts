import { describe, expect, it } from 'vitest';
import {
  profileCreatedResponse,
  profileRatingResponse,
  profileRatingsResponse,
  profileRecommendationsResponse,
  profileResponse,
  searchResponse,
} from '../../lambdas/handlers/api/api-schemas.ts';
import type { Answer } from './api-client.ts';
import { call, expectError, get, ok } from './api-client.ts';

/**
 * A visitor's profile over HTTP, as the web app uses it: create, rate, recommendations that
 * follow the ratings, wrong and missing tokens, deletion. Works unchanged against a deployment
 * (MovieLens movie ids are the same in every release; three profiles stay far within the
 * per-address creation limit).
 */
const ANIMATED = ['Toy Story', 'Finding Nemo', 'Shrek'];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createProfile(): Promise<{ profileId: string; token: string }> {
  const answer = await call('POST', '/profiles');
  expect(answer.status, answer.text).toBe(201);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  return profileCreatedResponse.parse(answer.json);
}

/** The movie /movies?query= finds first for `title`, checked to be that title. */
async function findMovie(title: string): Promise<number> {
  const found = ok(await get(`/movies?query=${encodeURIComponent(title)}&limit=3`), searchResponse);
  const movie = found.movies.find((m) => m.title === title || m.title.startsWith(`${title} (`));
  expect(movie, `${title} in ${JSON.stringify(found.movies)}`).toBeDefined();
  return movie!.movieId;
}

const rate = (profileId: string, token: string, movieId: number, rating: number) =>
  call('PUT', `/profiles/${profileId}/ratings/${movieId}`, {
    body: JSON.stringify({ rating }),
    headers: { 'content-type': 'application/json', ...bearer(token) },
  });

const recommendations = async (profileId: string, token: string) =>
  ok(
    await get(`/profiles/${profileId}/recommendations?limit=10`, { headers: bearer(token) }),
    profileRecommendationsResponse,
  );

const isAnimationOrChildren = (genres: readonly string[]) =>
  genres.includes('Animation') || genres.includes('Children');

describe('a profile rating animated films', () => {
  it('gets mostly animated and children’s films first, never the rated ones, and follows each new rating', async () => {
    const { profileId, token } = await createProfile();
    const cold = await recommendations(profileId, token);
    expect(cold).toMatchObject({ profileId, coldStart: true, source: 'popular' });

    const rated: number[] = [];
    for (const title of ANIMATED) {
      const movieId = await findMovie(title);
      const stored = ok(await rate(profileId, token, movieId, 5), profileRatingResponse);
      expect(stored).toMatchObject({ movieId, rating: 5 });
      expect(stored.title.startsWith(title)).toBe(true);
      rated.push(movieId);
    }
    const list = ok(
      await get(`/profiles/${profileId}/ratings`, { headers: bearer(token) }),
      profileRatingsResponse,
    );
    expect(list.ratings.map((r) => r.movieId).sort()).toEqual([...rated].sort());
    expect(
      ok(await get(`/profiles/${profileId}`, { headers: bearer(token) }), profileResponse),
    ).toMatchObject({ profileId, ratingCount: 3 });

    const first = await recommendations(profileId, token);
    expect(first).toMatchObject({ coldStart: false, source: 'live' });
    expect(first.movies).toHaveLength(10);
    const ids = first.movies.map((m) => m.movieId);
    for (const movieId of rated) expect(ids).not.toContain(movieId);
    // The head of the list: further down, a fold-in of three ratings leans on popular films
    // (on ml-latest-small 4 of the top 10 are animated or children's films, 4 of the top 5).
    const head = first.movies.slice(0, 5);
    const animated = head.filter((m) => isAnimationOrChildren(m.genres));
    expect(animated.length, JSON.stringify(first.movies.map((m) => m.title))).toBeGreaterThan(2);
    expect(first.movies.some((m) => m.because.some((b) => rated.includes(b.movieId)))).toBe(true);

    // A fourth rating (the top recommendation, disliked) changes the very next list.
    const top = first.movies[0]!.movieId;
    ok(await rate(profileId, token, top, 0.5), profileRatingResponse);
    const second = await recommendations(profileId, token);
    const secondIds = second.movies.map((m) => m.movieId);
    expect(secondIds).not.toContain(top);
    for (const movieId of rated) expect(secondIds).not.toContain(movieId);
    expect(secondIds).not.toEqual(ids);
  });
});

describe('profile tokens and deletion', () => {
  it('401 without or with a malformed token, 403 with another profile’s token', async () => {
    const mine = await createProfile();
    const other = await createProfile();
    const path = `/profiles/${mine.profileId}/ratings`;
    const unauthorized = async (answer: Answer) => {
      expectError(answer, 401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    };
    await unauthorized(await get(path));
    await unauthorized(await get(path, { headers: { authorization: 'Bearer not-a-token' } }));
    await unauthorized(await get(path, { headers: { authorization: `Basic ${mine.token}` } }));
    expectError(await get(path, { headers: bearer(other.token) }), 403, 'forbidden');
    expectError(await rate(mine.profileId, other.token, 1, 4), 403, 'forbidden');
    expectError(await rate(mine.profileId, mine.token, 1, 4.3), 400, 'rating_out_of_scale');
    expectError(await rate(mine.profileId, mine.token, 999_999_999, 4), 404);
  });

  it('DELETE removes the profile at once: its own token then gets 404', async () => {
    const { profileId, token } = await createProfile();
    ok(await rate(profileId, token, await findMovie('Toy Story'), 4), profileRatingResponse);
    const deleted = await call('DELETE', `/profiles/${profileId}`, { headers: bearer(token) });
    expect(deleted.status, deleted.text).toBe(204);
    expect(deleted.text).toBe('');
    expectError(
      await get(`/profiles/${profileId}`, { headers: bearer(token) }),
      404,
      'profile_not_found',
    );
    expectError(
      await get(`/profiles/${profileId}/ratings`, { headers: bearer(token) }),
      404,
      'profile_not_found',
    );
    expectError(await rate(profileId, token, 1, 4), 404, 'profile_not_found');
  });
});
