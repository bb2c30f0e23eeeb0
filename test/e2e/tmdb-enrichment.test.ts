import { describe, expect, inject, it } from 'vitest';
import { movieResponse } from '../../lambdas/handlers/api/api-schemas.ts';
import { get, ok } from './api-client.ts';

/**
 * GET /movies/{id} with the TMDB enrichment. Locally the built-in run was enriched from the
 * fake TMDB (global-setup.ts), so Toy Story carries its fixtures exactly; against a deployment
 * the record is checked for its shape only (its TMDB, or none without a key).
 */
const TOY_STORY = 1;
const fixtures = inject('tmdbFixtures');

describe('a movie enriched from TMDB', () => {
  it.runIf(fixtures)("carries Toy Story's details from TMDB", async () => {
    const movie = ok(await get(`/movies/${TOY_STORY}`), movieResponse);
    expect(movie.details).toMatchObject({
      source: 'tmdb',
      runtimeMinutes: 81,
      releaseDate: '1995-10-30',
      originalLanguage: 'en',
      cast: ['Tom Hanks', 'Tim Allen', 'Don Rickles'],
      directors: ['John Lasseter'],
      keywords: ['toy', 'friendship', 'rivalry'],
      posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    });
    expect(movie.details!.overview).toMatch(/^A cowboy doll/);
  });

  it.runIf(fixtures)(
    'carries its reviews, newest first, each with a sentiment, and the counts',
    async () => {
      const { reviews } = ok(await get(`/movies/${TOY_STORY}`), movieResponse);
      expect(reviews).toMatchObject({ total: 3, positive: 1, mixed: 1, negative: 1 });
      expect(reviews!.items.map((r) => [r.author, r.sentiment.label])).toEqual([
        ['Ana', 'mixed'],
        ['grumpy_critic', 'negative'],
        ['moviefan95', 'positive'],
      ]);
      const negative = reviews!.items[1]!;
      expect(negative.excerpt).toContain('not good');
      expect(negative.url).toMatch(/^https:\/\/www\.themoviedb\.org\/review\//);
      expect(negative.sentiment.score).toBeLessThan(0);
    },
  );

  it.runIf(fixtures)('answers null for a movie TMDB does not know', async () => {
    // Grumpier Old Men (TMDB 15602) is not among the fake's movies: a 404 there.
    const movie = ok(await get('/movies/3'), movieResponse);
    expect(movie.details).toBeNull();
    expect(movie.reviews).toBeNull();
  });

  it('answers details and reviews together, or neither', async () => {
    const movie = ok(await get(`/movies/${TOY_STORY}`), movieResponse);
    expect(movie.details === null).toBe(movie.reviews === null);
    if (movie.reviews !== null) {
      const { total, positive, mixed, negative, items } = movie.reviews;
      expect(positive + mixed + negative).toBe(total);
      expect(items).toHaveLength(total);
      for (const item of items) expect(item.excerpt.length).toBeLessThanOrEqual(601);
    }
  });
});
