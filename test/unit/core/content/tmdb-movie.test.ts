import { describe, expect, it } from 'vitest';
import {
  MalformedTmdbRecordError,
  TMDB_LIMITS,
  tmdbMovieFromJson,
} from '../../../../lambdas/core/content/tmdb-movie.ts';
import { TMDB_MOVIES } from '../../../fixtures/fake-tmdb-movies.ts';

const AT = '2026-01-02T03:04:05.000Z';
const review = (n: number, content = 'A fine film.') => ({
  id: `r${n}`,
  author: `critic${n}`,
  content,
  created_at: new Date(Date.UTC(2020, 0, 1 + n)).toISOString(),
  url: `https://www.themoviedb.org/review/r${n}`,
});

describe('tmdbMovieFromJson', () => {
  it("maps Toy Story's record: details, cast in billing order, reviews newest first", () => {
    const movie = tmdbMovieFromJson(TMDB_MOVIES[862], AT);
    expect(movie.tmdbId).toBe(862);
    expect(movie.details).toMatchObject({
      source: 'tmdb',
      fetchedAt: AT,
      runtimeMinutes: 81,
      releaseDate: '1995-10-30',
      originalLanguage: 'en',
      cast: ['Tom Hanks', 'Tim Allen', 'Don Rickles'],
      directors: ['John Lasseter'],
      keywords: ['toy', 'friendship', 'rivalry'],
      posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    });
    expect(movie.details.overview).toMatch(/^A cowboy doll/);
    expect(movie.reviews).toMatchObject({ total: 3, positive: 1, mixed: 1, negative: 1 });
    expect(movie.reviews.items.map((r) => [r.author, r.sentiment.label])).toEqual([
      ['Ana', 'mixed'],
      ['grumpy_critic', 'negative'],
      ['moviefan95', 'positive'],
    ]);
  });

  it('sorts the cast by billing order, not by position in the list', () => {
    const movie = tmdbMovieFromJson(
      {
        id: 1,
        credits: {
          cast: [
            { name: 'Second', order: 1 },
            { name: 'First', order: 0 },
          ],
        },
      },
      AT,
    );
    expect(movie.details.cast).toEqual(['First', 'Second']);
  });

  it('keeps at most 10 cast, 20 keywords and 10 reviews, newest first', () => {
    const movie = tmdbMovieFromJson(
      {
        id: 5,
        credits: { cast: Array.from({ length: 15 }, (_, i) => ({ name: `Actor ${i}`, order: i })) },
        keywords: { keywords: Array.from({ length: 30 }, (_, i) => ({ id: i, name: `k${i}` })) },
        reviews: { results: Array.from({ length: 14 }, (_, i) => review(i)) },
      },
      AT,
    );
    expect(movie.details.cast).toHaveLength(TMDB_LIMITS.cast);
    expect(movie.details.keywords).toHaveLength(TMDB_LIMITS.keywords);
    expect(movie.reviews.items).toHaveLength(TMDB_LIMITS.reviews);
    expect(movie.reviews.total).toBe(10);
    expect(movie.reviews.items[0]!.author).toBe('critic13');
  });

  it('cuts a long review to an excerpt but scores the whole text', () => {
    const long = `${'The camera lingers on the room. '.repeat(40)}I hated it, a terrible bore.`;
    const [item] = tmdbMovieFromJson({ id: 7, reviews: { results: [review(1, long)] } }, AT).reviews
      .items;
    expect(item!.excerpt.length).toBeLessThanOrEqual(TMDB_LIMITS.excerpt + 1);
    expect(item!.excerpt.endsWith('…')).toBe(true);
    expect(item!.excerpt).not.toMatch(/hated/);
    expect(item!.sentiment.label).toBe('negative');
  });

  it('answers null for missing or unusable fields and never links outside https', () => {
    const movie = tmdbMovieFromJson(
      {
        id: 9,
        overview: '  ',
        runtime: 0,
        release_date: '',
        original_language: 'English',
        poster_path: 'javascript:alert(1)',
        reviews: {
          results: [
            { ...review(1), url: 'javascript:alert(1)' },
            { ...review(2), created_at: 'soon' },
          ],
        },
      },
      AT,
    );
    expect(movie.details).toMatchObject({
      overview: null,
      runtimeMinutes: null,
      releaseDate: null,
      originalLanguage: null,
      posterPath: null,
      voteAverage: null,
      cast: [],
      directors: [],
      keywords: [],
    });
    expect(movie.reviews.items.map((r) => r.url)).toEqual(['https://www.themoviedb.org/review/r1']);
  });

  it.each([
    [null, '(root)'],
    [{ title: 'no id' }, 'id'],
    [{ id: 3, runtime: 'long' }, 'runtime'],
    [{ id: 3, credits: { cast: [{ order: 0 }] } }, 'credits.cast.0.name'],
    [{ id: 3, reviews: { results: [{ content: 'x' }] } }, 'reviews.results.0.created_at'],
  ])('refuses %j naming %s', (json, field) => {
    expect(() => tmdbMovieFromJson(json, AT)).toThrow(MalformedTmdbRecordError);
    expect(() => tmdbMovieFromJson(json, AT)).toThrow(field);
  });
});
