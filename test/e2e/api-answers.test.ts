import { describe, expect, it } from 'vitest';
import {
  anonymousResponse,
  modelResponse,
  movieResponse,
  popularResponse,
  predictionResponse,
  searchResponse,
  similarResponse,
  userRecommendationsResponse,
} from '../../lambdas/handlers/api/api-schemas.ts';
import { API_PATHS } from '../../lambdas/handlers/api/api-paths.ts';
import { get, ok, postJson } from './api-client.ts';
import { builtInDataset } from './built-in-dataset.ts';
import { liveVersion } from './live-version.ts';

/**
 * Real answers of the running system on the built-in MovieLens ml-latest-small: every route
 * through HTTP, with the expected movies named by their MovieLens ids.
 */
const TOY_STORY = 1;
const TOY_STORY_2 = 3114;
const ANIMATED = [TOY_STORY, TOY_STORY_2, 2355, 4886, 6377, 588, 364]; // Bug's Life, Monsters Inc., Finding Nemo, Aladdin, Lion King
const isForChildren = (genres: string[]) =>
  genres.includes('Animation') || genres.includes('Children');

describe('the live model', () => {
  it('is reported by /health and /model with its metrics', async () => {
    const version = await liveVersion();
    const model = ok(await get('/model'), modelResponse);
    expect(model.version).toBe(version);
    expect(model.versions.map((v) => v.version)).toContain(version);
    expect(model.metrics.rmse).toBeGreaterThan(0.5);
    expect(model.metrics.rmse).toBeLessThan(1.2);
  });

  it('documents every route in /openapi.json', async () => {
    const answer = await get('/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.json as { openapi: string; paths: Record<string, object> };
    expect(document.openapi).toMatch(/^3\./);
    for (const route of API_PATHS.filter((r) => r.path !== '/openapi.json')) {
      expect(document.paths[route.path], route.path).toHaveProperty(route.method.toLowerCase());
    }
  });
});

describe('fuzzy title search', () => {
  it.each([
    ['toy stroy', TOY_STORY],
    ['matrx', 2571],
    ['forest gump', 356],
    ['shawshank redemtion', 318],
  ])('finds %j despite the typo', async (query, movieId) => {
    const result = ok(
      await get(`/movies?query=${encodeURIComponent(query)}&limit=5`),
      searchResponse,
    );
    expect(result.movies.map((m) => m.movieId)).toContain(movieId);
    expect(result.movies[0]!.movieId).toBe(movieId);
  });

  it('filters by genre', async () => {
    const result = ok(await get('/movies?query=toy&genre=animation&limit=10'), searchResponse);
    expect(result.movies.length).toBeGreaterThan(0);
    for (const movie of result.movies) expect(movie.genres).toContain('Animation');
  });
});

describe('one movie', () => {
  it('has its year, genres, links and the rating count of the dataset', async () => {
    const movie = ok(await get(`/movies/${TOY_STORY}`), movieResponse);
    // Retraining runs of other e2e files may add profile and operator ratings of Toy Story.
    const added = Math.max(
      0,
      ...ok(await get('/model'), modelResponse).versions.map(
        (v) => (v.sources?.profiles ?? 0) + (v.sources?.operatorFiles ?? 0),
      ),
    );
    expect(movie).toMatchObject({ movieId: TOY_STORY, title: 'Toy Story', year: 1995 });
    expect(movie.genres).toEqual(expect.arrayContaining(['Animation', 'Children', 'Comedy']));
    expect(movie.imdbId).toBe('0114709');
    expect(movie.tmdbId).toBe(862);
    const datasetCount = builtInDataset().ratingCount.get(TOY_STORY)!;
    expect(movie.ratingCount).toBeGreaterThanOrEqual(datasetCount);
    expect(movie.ratingCount).toBeLessThanOrEqual(datasetCount + added);
    expect(movie.histogram.reduce((a, b) => a + b, 0)).toBe(movie.ratingCount);
    expect(movie.ratingMean).toBeGreaterThan(3.5);
  });

  it('has Toy Story 2 among its similar movies, and not itself', async () => {
    const similar = ok(await get(`/movies/${TOY_STORY}/similar?limit=10`), similarResponse);
    const ids = similar.movies.map((m) => m.movieId);
    expect(ids).toHaveLength(10);
    expect(ids).toContain(TOY_STORY_2);
    expect(ids).not.toContain(TOY_STORY);
  });
});

describe('popular movies', () => {
  it('are of the genre asked for, best first', async () => {
    const popular = ok(await get('/popular?genre=Animation&limit=20'), popularResponse);
    expect(popular.movies).toHaveLength(20);
    for (const movie of popular.movies) expect(movie.genres).toContain('Animation');
    const scores = popular.movies.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('recommendations for a known user', () => {
  // The heaviest rater (414), the first user, and a light one.
  it.each([414, 1, 53])('exclude what user %i rated', async (userId) => {
    const rated = builtInDataset().ratedBy.get(userId)!;
    expect(rated.size).toBeGreaterThan(0);
    const version = await liveVersion();
    const recs = ok(
      await get(`/users/${userId}/recommendations?limit=20`),
      userRecommendationsResponse,
    );
    expect(recs).toMatchObject({ userId, version, coldStart: false });
    expect(recs.movies.length).toBeGreaterThan(0);
    for (const movie of recs.movies) expect(rated.has(movie.movieId), movie.title).toBe(false);
    const scores = recs.movies.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const movie of recs.movies) {
      for (const reason of movie.because) expect(rated.has(reason.movieId)).toBe(true);
    }
  });

  it('keep to the genre asked for', async () => {
    const recs = ok(
      await get('/users/1/recommendations?genre=Comedy&limit=10'),
      userRecommendationsResponse,
    );
    expect(recs.movies.length).toBeGreaterThan(0);
    for (const movie of recs.movies) expect(movie.genres).toContain('Comedy');
  });
});

describe('an unknown user', () => {
  it('gets the popular movies, flagged as cold start', async () => {
    const recs = ok(await get('/users/99999999/recommendations'), userRecommendationsResponse);
    expect(recs.coldStart).toBe(true);
    expect(recs.movies.length).toBeGreaterThan(0);
    const prediction = ok(await get('/users/99999999/predictions/1'), predictionResponse);
    expect(prediction.coldStart).toBe(true);
    expect(prediction.parts.userBias).toBe(0);
    expect(prediction.parts.dot).toBe(0);
  });
});

describe('predicted ratings', () => {
  it.each([
    [1, 1],
    [414, 2571],
    [53, 318],
    [610, 3114],
  ])('of user %i for movie %i lie within the rating scale', async (userId, movieId) => {
    const p = ok(await get(`/users/${userId}/predictions/${movieId}`), predictionResponse);
    expect(p.scale).toEqual({ min: 0.5, max: 5 });
    expect(p.prediction).toBeGreaterThanOrEqual(p.scale.min);
    expect(p.prediction).toBeLessThanOrEqual(p.scale.max);
    const { globalMean, userBias, itemBias, dot } = p.parts;
    const raw = globalMean + userBias + itemBias + dot;
    expect(p.prediction).toBeCloseTo(Math.min(p.scale.max, Math.max(p.scale.min, raw)), 4);
  });
});

describe('anonymous fold-in', () => {
  it('from a few animated films recommends mostly animated or children films', async () => {
    const ratings = ANIMATED.slice(0, 5).map((movieId) => ({ movieId, rating: 5 }));
    const recs = ok(await postJson('/recommendations', { ratings, limit: 10 }), anonymousResponse);
    expect(recs.basedOn.map((m) => m.movieId).sort()).toEqual(ratings.map((r) => r.movieId).sort());
    expect(recs.movies).toHaveLength(10);
    const given = new Set(ratings.map((r) => r.movieId));
    for (const movie of recs.movies) expect(given.has(movie.movieId)).toBe(false);
    const titles = recs.movies.map((m) => m.title).join(', ');
    const forChildren = recs.movies.filter((m) => isForChildren(m.genres)).length;
    expect(forChildren, titles).toBeGreaterThan(recs.movies.length / 2);
    // Far more than among the movies everyone is recommended.
    const popular = ok(await get('/popular?limit=10'), popularResponse);
    const popularForChildren = popular.movies.filter((m) => isForChildren(m.genres)).length;
    expect(forChildren, titles).toBeGreaterThanOrEqual(2 * popularForChildren + 2);
  });

  it('resolves titles typed with typos', async () => {
    const recs = ok(
      await postJson('/recommendations', {
        ratings: [{ title: 'toy stroy' }, { title: 'finding nemo', rating: 4.5 }],
        limit: 5,
      }),
      anonymousResponse,
    );
    expect(recs.basedOn.map((m) => m.movieId)).toEqual([TOY_STORY, 6377]);
    expect(recs.movies).toHaveLength(5);
  });
});
