import * as z from 'zod';

/**
 * The request schemas of the API: they validate (and coerce) path, query and body before any
 * use-case runs, and generate the OpenAPI document's parameters, so the documentation cannot
 * drift from the checks. Built at module load: every request needs its route's schemas.
 */
const id = (what: string) =>
  z.coerce.number().int().min(1).max(2_147_483_647).describe(`${what} (MovieLens id)`);
const limit = (fallback: number) =>
  z.coerce.number().int().min(1).max(100).default(fallback).describe('Most results returned');
const genre = z
  .string()
  .min(1)
  .max(40)
  .describe('MovieLens genre, any letter case (e.g. "Comedy", "sci-fi")');

export const movieParams = z.strictObject({ id: id('Movie id') });
export const userParams = z.strictObject({ id: id('User id') });
export const predictionParams = z.strictObject({ id: id('User id'), movieId: id('Movie id') });

export const searchQuery = z.strictObject({
  query: z.string().max(200).optional().describe('Title as typed; fuzzy. Omit to browse popular'),
  genre: genre.optional(),
  limit: limit(10),
});
/** The hybrid blend; absent means the version's default (its tuned blend, or the model alone). */
const ALPHA = 'In [0, 1]: 1 collaborative only, 0 content only; default: the version blend';
const alphaNumber = z.number().min(0).max(1);
/** In a query string: coerced, but an empty `alpha=` is an error rather than 0. */
const alphaQuery = z
  .string()
  .trim()
  .min(1)
  .pipe(z.coerce.number<string>().pipe(alphaNumber))
  .optional()
  .describe(ALPHA);

export const similarQuery = z.strictObject({ limit: limit(10), alpha: alphaQuery });
export const popularQuery = z.strictObject({ genre: genre.optional(), limit: limit(20) });
export const recommendationsQuery = z.strictObject({ genre: genre.optional(), limit: limit(10) });
export const profileRecommendationsQuery = recommendationsQuery.extend({ alpha: alphaQuery });

const anonymousRating = z
  .strictObject({
    movieId: z.number().int().min(1).optional().describe('MovieLens movie id'),
    title: z.string().min(1).max(200).optional().describe('Title as typed (fuzzy)'),
    rating: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe("Rating on the model's scale; default: the top of the scale"),
  })
  .refine((entry) => (entry.movieId === undefined) !== (entry.title === undefined), {
    message: 'give exactly one of movieId and title',
  });

export const anonymousBody = z.strictObject({
  ratings: z.array(anonymousRating).min(1).max(50).describe('Movies the visitor rated or likes'),
  limit: limit(10),
  genre: genre.optional(),
  alpha: alphaNumber.optional().describe(ALPHA),
});

export const noInput = z.strictObject({});

/**
 * Profile ids are derived from the profile's token (profile-token.ts): 22 base64url characters.
 */
const profileId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'a profile id is 22 base64url characters')
  .describe('Profile id, as POST /profiles answered it');

export const profileParams = z.strictObject({ profileId });
export const profileRatingParams = z.strictObject({ profileId, movieId: id('Movie id') });
export const ratingBody = z.strictObject({
  rating: z
    .number()
    .min(0)
    .max(10)
    .describe("Rating on the live dataset's scale in half stars (MovieLens: 0.5 to 5)"),
});
