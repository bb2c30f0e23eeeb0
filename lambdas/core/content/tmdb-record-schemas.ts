import * as z from 'zod';
import type { TmdbDetails, TmdbReviews } from './tmdb-movie.ts';

/**
 * The schemas of MovieRec's own TMDB records (TmdbDetails, TmdbReviews): one definition for the
 * pipeline, which validates its cached records with them, and the API, whose OpenAPI document
 * describes `GET /movies/{id}` with them. Kept apart from tmdb-movie.ts so the API bundle does not
 * carry the sentiment lexicon.
 */
const count = z.number().int().nonnegative();

export const tmdbDetailsSchema = z.object({
  source: z.literal('tmdb'),
  fetchedAt: z.string(),
  overview: z.string().nullable(),
  runtimeMinutes: z.number().int().nullable(),
  releaseDate: z.string().nullable(),
  originalLanguage: z.string().nullable(),
  directors: z.array(z.string()),
  cast: z.array(z.string()).describe('Top-billed cast in billing order, at most 10'),
  keywords: z.array(z.string()),
  posterPath: z.string().nullable(),
  voteAverage: z.number().nullable(),
  voteCount: z.number().int().nullable(),
}) satisfies z.ZodType<TmdbDetails>;

export const tmdbReviewsSchema = z.object({
  total: count,
  positive: count,
  mixed: count,
  negative: count,
  items: z.array(
    z.object({
      author: z.string(),
      createdAt: z.string(),
      excerpt: z.string(),
      url: z.string(),
      sentiment: z.object({
        label: z.enum(['positive', 'mixed', 'negative']),
        score: z.number().min(-1).max(1).describe('Opinion-word balance, in [-1, 1]'),
      }),
    }),
  ),
}) satisfies z.ZodType<TmdbReviews>;
