import { beforeAll, describe, expect, it } from 'vitest';
import { recommendForAnonymous } from '../../../../lambdas/app/recommend-for-anonymous.ts';
import { anonymousRecommendations } from '../../../../lambdas/app/serving/anonymous-recommendations.ts';
import { health } from '../../../../lambdas/app/serving/health.ts';
import { loadDashboard } from '../../../../lambdas/app/serving/live-dashboard.ts';
import { modelInfo } from '../../../../lambdas/app/serving/model-info.ts';
import { movieDetails } from '../../../../lambdas/app/serving/movie-details.ts';
import { genreSpellings, popularMovies } from '../../../../lambdas/app/serving/popular-movies.ts';
import { predictRating } from '../../../../lambdas/app/serving/predict-rating.ts';
import { loadRatingBaseline } from '../../../../lambdas/app/serving/rating-baseline.ts';
import { searchMovies } from '../../../../lambdas/app/serving/search-movies.ts';
import type { ServingContext } from '../../../../lambdas/app/serving/serving-context.ts';
import {
  InvalidInputError,
  ModelUnavailableError,
  NotFoundError,
} from '../../../../lambdas/app/serving/serving-errors.ts';
import { servingKeys } from '../../../../lambdas/app/serving/serving-keys.ts';
import type { ServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { loadServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { similarMovies } from '../../../../lambdas/app/serving/similar-movies.ts';
import { userRecommendations } from '../../../../lambdas/app/serving/user-recommendations.ts';
import type { ServingFixture } from './serving-fixture.ts';
import {
  buildServingFixture,
  memoryFiles,
  memoryStore,
  UNKNOWN_USER,
  VERSION,
} from './serving-fixture.ts';

let fixture: ServingFixture;
let context: ServingContext;
let model: ServingModel;

function contextOver(items: Map<string, Record<string, unknown>>): ServingContext {
  const files = memoryFiles(fixture.files);
  return {
    store: memoryStore(items),
    model: async () => model,
    baseline: (version) => loadRatingBaseline(files, version),
    dashboard: (version) => loadDashboard(files, version),
  };
}

/** The same table without the live pointer: nothing has been published. */
function unpublished(): ServingContext {
  const items = new Map(fixture.items);
  items.delete(`${servingKeys.currentModel().pk}|${servingKeys.currentModel().sk}`);
  return contextOver(items);
}

beforeAll(async () => {
  fixture = await buildServingFixture();
  model = await loadServingModel(memoryFiles(fixture.files), VERSION);
  context = contextOver(fixture.items);
});

const firstUser = (): number => fixture.dataset.userIds[0]!;

describe('health and model info', () => {
  it('reports the live version, or null before the first publish', async () => {
    expect(await health(context.store)).toEqual({ status: 'ok', model: fixture.pointer });
    expect(await health(unpublished().store)).toEqual({ status: 'ok', model: null });
  });

  it('describes the live version with every trained version, newest first', async () => {
    const info = await modelInfo(context.store);
    expect(info.version).toBe(VERSION);
    expect(info.metrics).toEqual(fixture.pointer.metrics);
    expect(info.details).toMatchObject({
      version: VERSION,
      lossHistory: { rating: [0.9, 0.8], ranking: [] },
    });
    expect(info.versions[1]?.lossHistory).toEqual({ rating: [], ranking: [] });
    expect(info.versions.map((v) => v.version)).toEqual([VERSION, 'v20251201T000000Z']);
    await expect(modelInfo(unpublished().store)).rejects.toBeInstanceOf(ModelUnavailableError);
  });
});

describe('searchMovies', () => {
  it('finds a title with a typo and ranks the exact title first', async () => {
    const fuzzy = await searchMovies(context, { query: 'toy stroy', limit: 5 });
    expect(fuzzy.movies[0]).toMatchObject({
      movieId: fixture.dataset.itemIds[0],
      title: 'Toy Story',
    });
    const exact = await searchMovies(context, { query: 'Heat', limit: 3 });
    expect(exact.movies[0]?.title).toBe('Heat');
    expect(exact.movies[0]?.ratingCount).toBe(model.popularity.stats.counts[1]);
  });

  it('browses the most popular movies without a query, optionally in a genre', async () => {
    const browse = await searchMovies(context, { limit: 4 });
    expect(browse.query).toBeNull();
    const overall = Array.from(
      model.popularity.overall.items.subarray(0, 4),
      (i) => model.catalogue.itemIds[i],
    );
    expect(browse.movies.map((m) => m.movieId)).toEqual(overall);
    const drama = await searchMovies(context, { genre: 'drama', limit: 50 });
    expect(drama.movies.length).toBeGreaterThan(0);
    for (const movie of drama.movies) expect(movie.genres).toContain('Drama');
  });

  it('keeps only the genre asked for when searching', async () => {
    const hits = await searchMovies(context, {
      query: 'synthetic movie',
      genre: 'Drama',
      limit: 5,
    });
    expect(hits.movies.length).toBeGreaterThan(0);
    for (const movie of hits.movies) expect(movie.genres).toContain('Drama');
  });
});

describe('movies, similar and popular', () => {
  it('returns a movie or a 404-kind error', async () => {
    const id = fixture.dataset.itemIds[2]!;
    expect(await movieDetails(context.store, id)).toMatchObject({
      movieId: id,
      title: 'Finding Nemo',
    });
    await expect(movieDetails(context.store, 424242)).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'unknown_movie',
    });
  });

  it("returns the live version's neighbours with titles, limited", async () => {
    const id = fixture.dataset.itemIds[0]!;
    const similar = await similarMovies(context, id, { limit: 3 });
    expect(similar.movies).toHaveLength(3);
    expect(similar.movies[0]?.movieId).toBe(
      model.catalogue.itemIds[fixture.version.similar.items[0]!],
    );
    expect(similar.movies.map((m) => m.movieId)).not.toContain(id);
    await expect(similarMovies(context, 424242, { limit: 3 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('gives a known movie without a neighbour list an empty list', async () => {
    const items = new Map(fixture.items);
    const id = fixture.dataset.itemIds[5]!;
    const key = servingKeys.similarMovies(id, VERSION);
    items.delete(`${key.pk}|${key.sk}`);
    expect((await similarMovies(contextOver(items), id, { limit: 3 })).movies).toEqual([]);
  });

  it('ranks popular movies overall and per genre in any letter case; unknown genre is a 404', async () => {
    const all = await popularMovies(context.store, { limit: 5 });
    expect(all.genre).toBeNull();
    expect(all.movies).toHaveLength(5);
    const scores = all.movies.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const drama = await popularMovies(context.store, { genre: 'DRAMA', limit: 5 });
    expect(drama.genre).toBe('Drama');
    for (const movie of drama.movies) expect(movie.genres).toContain('Drama');
    await expect(popularMovies(context.store, { genre: 'Opera', limit: 5 })).rejects.toMatchObject({
      code: 'unknown_genre',
    });
  });

  it('tries the MovieLens spellings of a genre', () => {
    expect(genreSpellings('sci-fi')).toContain('Sci-Fi');
    expect(genreSpellings('imax')).toContain('IMAX');
    expect(genreSpellings('film-noir')).toContain('Film-Noir');
    expect(genreSpellings("children's")).toContain("Children's");
  });
});

describe('userRecommendations', () => {
  it('returns the precomputed list with titles and reasons', async () => {
    const userId = firstUser();
    const recs = await userRecommendations(context.store, userId, { limit: 5 });
    expect(recs.coldStart).toBe(false);
    const stored = fixture.items.get(
      `${servingKeys.userRecommendations(userId, VERSION).pk}|${servingKeys.userRecommendations(userId, VERSION).sk}`,
    ) as { items: { movieId: number }[] };
    expect(recs.movies.map((m) => m.movieId)).toEqual(
      stored.items.slice(0, 5).map((i) => i.movieId),
    );
    expect(recs.movies.some((m) => m.because.length > 0)).toBe(true);
    for (const movie of recs.movies) {
      for (const reason of movie.because) expect(reason.title).toEqual(expect.any(String));
    }
  });

  it('answers from the one record, without reading movie records', async () => {
    const userId = firstUser();
    const store = { ...context.store, getMovies: () => Promise.reject(new Error('no reads')) };
    const recs = await userRecommendations(store, userId, { limit: 5 });
    expect(recs).toEqual(await userRecommendations(context.store, userId, { limit: 5 }));
    const movie = await context.store.getMovie(recs.movies[0]!.movieId);
    expect(recs.movies[0]).toMatchObject({
      title: movie!.title,
      year: movie!.year,
      genres: movie!.genres,
    });
  });

  it('joins movie records for a list written without titles', async () => {
    const userId = firstUser();
    const key = servingKeys.userRecommendations(userId, VERSION);
    const items = new Map(fixture.items);
    const stored = items.get(`${key.pk}|${key.sk}`) as {
      items: { movieId: number; score: number; because: number[] }[];
    };
    items.set(`${key.pk}|${key.sk}`, {
      ...stored,
      items: stored.items.map(({ movieId, score, because }) => ({ movieId, score, because })),
    });
    const legacy = await userRecommendations(contextOver(items).store, userId, { limit: 5 });
    expect(legacy).toEqual(await userRecommendations(context.store, userId, { limit: 5 }));
  });

  it('keeps one genre', async () => {
    const recs = await userRecommendations(context.store, firstUser(), {
      limit: 20,
      genre: 'drama',
    });
    for (const movie of recs.movies) expect(movie.genres).toContain('Drama');
  });

  it('gives an unknown user the popular list, flagged as cold start', async () => {
    const recs = await userRecommendations(context.store, UNKNOWN_USER, { limit: 4 });
    expect(recs.coldStart).toBe(true);
    const popular = await popularMovies(context.store, { limit: 4 });
    expect(recs.movies.map((m) => m.movieId)).toEqual(popular.movies.map((m) => m.movieId));
    await expect(userRecommendations(unpublished().store, 1, { limit: 4 })).rejects.toBeInstanceOf(
      ModelUnavailableError,
    );
  });
});

describe('anonymousRecommendations', () => {
  it('folds titles and ids in exactly as the full version does', async () => {
    const heat = fixture.dataset.itemIds[1]!;
    const result = await anonymousRecommendations(context, {
      ratings: [
        { title: 'toy story', rating: 5 },
        { movieId: heat, rating: 4 },
      ],
      limit: 5,
    });
    const full = recommendForAnonymous(
      fixture.version,
      [
        { title: 'Toy Story', rating: 5 },
        { movieId: heat, rating: 4 },
      ],
      { limit: 5 },
    );
    expect(result.version).toBe(VERSION);
    expect(result.basedOn.map((m) => m.movieId)).toEqual([fixture.dataset.itemIds[0], heat]);
    expect(result.movies.map((m) => m.movieId)).toEqual(full.movies.map((m) => m.movieId));
    result.movies.forEach((movie, r) => expect(movie.score).toBeCloseTo(full.movies[r]!.score, 5));
    expect(result.movies.map((m) => m.movieId)).not.toContain(heat);
    expect(result.basedOn[0]).toEqual({
      movieId: fixture.dataset.itemIds[0],
      title: 'Toy Story',
      year: fixture.dataset.movies[0]!.year,
      genres: fixture.dataset.movies[0]!.genres,
    });
  });

  it('names the entry that cannot be used', async () => {
    const call = (ratings: { title?: string; movieId?: number; rating?: number }[]) =>
      anonymousRecommendations(context, { ratings, limit: 5 });
    await expect(call([{ title: 'Heat' }, { title: 'qqqqqqqqqqzzzzzz' }])).rejects.toMatchObject({
      code: 'unknown_title',
      path: 'ratings.1.title',
    });
    await expect(call([{ movieId: 424242 }])).rejects.toMatchObject({
      code: 'unknown_movie',
      path: 'ratings.0.movieId',
    });
    await expect(call([{ title: 'Heat', rating: 7 }])).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('predictRating', () => {
  it("equals the rating model's prediction and parts", async () => {
    const user = 3;
    const item = 7;
    const result = await predictRating(
      context,
      fixture.dataset.userIds[user]!,
      fixture.dataset.itemIds[item]!,
    );
    const expected = fixture.version.rating.explain(user, item);
    expect(result.coldStart).toBe(false);
    expect(result.prediction).toBeCloseTo(expected.prediction, 5);
    expect(result.parts.globalMean).toBeCloseTo(expected.mean, 6);
    expect(result.parts.userBias).toBeCloseTo(expected.userBias, 6);
    expect(result.parts.itemBias).toBeCloseTo(expected.itemBias, 6);
    expect(result.parts.dot).toBeCloseTo(expected.dot, 5);
    expect(result.scale).toEqual({ min: 0.5, max: 5 });
  });

  it('falls back to μ + b_i for an unknown user; an unknown movie is a 404-kind error', async () => {
    const movieId = fixture.dataset.itemIds[2]!;
    const result = await predictRating(context, UNKNOWN_USER, movieId);
    expect(result.coldStart).toBe(true);
    expect(result.parts.userBias).toBe(0);
    expect(result.parts.dot).toBe(0);
    expect(result.prediction).toBeCloseTo(result.parts.globalMean + result.parts.itemBias, 6);
    await expect(predictRating(context, firstUser(), 424242)).rejects.toBeInstanceOf(NotFoundError);
  });
});
