import { describe, expect, it } from 'vitest';
import { tmdbMovieFromJson } from '../../../../lambdas/core/content/tmdb-movie.ts';
import {
  tmdbDetailsSchema,
  tmdbReviewsSchema,
} from '../../../../lambdas/core/content/tmdb-record-schemas.ts';
import { TMDB_MOVIES } from '../../../fixtures/fake-tmdb-movies.ts';

const AT = '2026-01-02T03:04:05.000Z';

describe('TMDB record schemas', () => {
  it.each(Object.keys(TMDB_MOVIES).map(Number))(
    'accept what tmdbMovieFromJson makes of fixture movie %i',
    (id) => {
      const movie = tmdbMovieFromJson(TMDB_MOVIES[id], AT);
      expect(tmdbDetailsSchema.parse(movie.details)).toEqual(movie.details);
      expect(tmdbReviewsSchema.parse(movie.reviews)).toEqual(movie.reviews);
    },
  );

  it('reject a sentiment score outside [-1, 1], a fractional count and a missing field', () => {
    const { details, reviews } = tmdbMovieFromJson(TMDB_MOVIES[862], AT);
    const item = reviews.items[0]!;
    const outOfRange = { ...item, sentiment: { ...item.sentiment, score: 1.5 } };
    expect(tmdbReviewsSchema.safeParse({ ...reviews, items: [outOfRange] }).success).toBe(false);
    expect(tmdbReviewsSchema.safeParse({ ...reviews, total: 2.5 }).success).toBe(false);
    const { directors: _, ...withoutDirectors } = details;
    expect(tmdbDetailsSchema.safeParse(withoutDirectors).success).toBe(false);
  });
});
