import { describe, expect, it } from 'vitest';
import { anonymousResponse, similarResponse } from '../../lambdas/handlers/api/api-schemas.ts';
import { expectError, get, ok, postJson } from './api-client.ts';

/**
 * The per-request hybrid blend through HTTP on the built-in ml-latest-small: alpha 1 is
 * collaborative only, 0 content only; outside [0, 1] is a 400 with the error body.
 */
const TOY_STORY = 1;
const HEAT = 6;

describe('alpha on GET /movies/{id}/similar', () => {
  it('gives different lists at 0 and 1, each reporting its blend', async () => {
    const content = ok(await get(`/movies/${TOY_STORY}/similar?limit=10&alpha=0`), similarResponse);
    const collaborative = ok(
      await get(`/movies/${TOY_STORY}/similar?limit=10&alpha=1`),
      similarResponse,
    );
    expect([content.alpha, collaborative.alpha]).toEqual([0, 1]);
    expect(content.movies).toHaveLength(10);
    expect(collaborative.movies).toHaveLength(10);
    const ids = (list: typeof content) => list.movies.map((m) => m.movieId);
    expect(ids(content)).not.toEqual(ids(collaborative));
    expect(ids(content)).not.toContain(TOY_STORY);
    // Content only: Toy Story's neighbours share its genres.
    for (const movie of content.movies.slice(0, 5)) {
      expect(movie.genres.some((g) => ['Animation', 'Children', 'Comedy'].includes(g))).toBe(true);
    }
  });

  it.each(['-0.1', '1.5', 'abc', ''])('alpha=%s → 400 naming query.alpha', async (alpha) => {
    const answer = await get(`/movies/${TOY_STORY}/similar?alpha=${alpha}`);
    expectError(answer, 400, 'validation_failed');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/query\.alpha/);
  });
});

describe('alpha on POST /recommendations', () => {
  const ratings = [
    { movieId: TOY_STORY, rating: 5 },
    { movieId: HEAT, rating: 4 },
  ];

  it('gives different lists at 0 and 1', async () => {
    const at = async (alpha: number) =>
      ok(await postJson('/recommendations', { ratings, limit: 10, alpha }), anonymousResponse);
    const [content, collaborative] = [await at(0), await at(1)];
    expect([content.alpha, collaborative.alpha]).toEqual([0, 1]);
    expect(content.movies.map((m) => m.movieId)).not.toEqual(
      collaborative.movies.map((m) => m.movieId),
    );
  });

  it.each([-0.5, 2, '0.5'])('alpha %s → 400 naming body.alpha', async (alpha) => {
    const answer = await postJson('/recommendations', { ratings, alpha });
    expectError(answer, 400, 'validation_failed');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/body\.alpha/);
  });
});
