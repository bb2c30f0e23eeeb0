import { beforeAll, describe, expect, it } from 'vitest';
import { anonymousRecommendations } from '../../lambdas/app/serving/anonymous-recommendations.ts';
import { modelInfo } from '../../lambdas/app/serving/model-info.ts';
import { movieDetails } from '../../lambdas/app/serving/movie-details.ts';
import { popularMovies } from '../../lambdas/app/serving/popular-movies.ts';
import { predictRating } from '../../lambdas/app/serving/predict-rating.ts';
import { searchMovies } from '../../lambdas/app/serving/search-movies.ts';
import { modelObjectKeys } from '../../lambdas/app/serving/serving-artifacts.ts';
import type { ServingContext } from '../../lambdas/app/serving/serving-context.ts';
import { createServingContext } from '../../lambdas/app/serving/serving-context.ts';
import { liveDashboard } from '../../lambdas/app/serving/live-dashboard.ts';
import type { ModelFiles } from '../../lambdas/app/serving/serving-model.ts';
import { similarMovies } from '../../lambdas/app/serving/similar-movies.ts';
import { userRecommendations } from '../../lambdas/app/serving/user-recommendations.ts';
import { InMemoryObjectStore } from '../../lambdas/local/in-memory-object-store.ts';
import { InMemoryServingWriter } from '../../lambdas/local/in-memory-serving-writer.ts';
import { memoryStore } from '../unit/app/serving/serving-fixture.ts';
import { runPipeline } from '../unit/app/pipeline/pipeline-fixture.ts';

/**
 * The contract between the only writer and the reader: one pipeline run through in-memory ports,
 * then every API use-case over exactly what it wrote (table items and model files).
 */
let context: ServingContext;
let version: string;

beforeAll(async () => {
  const store = new InMemoryObjectStore();
  const serving = new InMemoryServingWriter();
  const run = await runPipeline(store, serving, '2026-01-01T00:00:00Z', { shardSize: 10 });
  if (run.publish === null) throw new Error(`the first run must publish: ${run.evaluation.cause}`);
  version = run.version;

  const items = new Map(
    [...serving.items.values()].map((item) => [`${String(item.pk)}|${String(item.sk)}`, item]),
  );
  const files: ModelFiles = {
    read: (v, name) => store.get(modelObjectKeys.file(v, name)),
  };
  context = createServingContext(memoryStore(items), files);
});

describe('the API reads what the pipeline writes', () => {
  it('model info, movie, similar and popular', async () => {
    const info = await modelInfo(context.store);
    expect(info.version).toBe(version);
    expect(info.details?.lossHistory.rating.length).toBeGreaterThan(0);
    expect(info.details?.metrics).toEqual(info.metrics);
    const dashboard = await liveDashboard(context);
    expect(dashboard.version).toBe(version);
    expect(dashboard.activityHeatmap).toHaveLength(168);
    expect(await movieDetails(context.store, 3)).toMatchObject({
      movieId: 3,
      title: 'Movie 3',
      year: 1993,
    });
    const similar = await similarMovies(context, 1, { limit: 3 });
    expect(similar.movies.length).toBeGreaterThan(0);
    expect(similar.movies[0]?.title).toMatch(/^Movie \d+$/);
    const comedy = await popularMovies(context.store, { genre: 'comedy', limit: 3 });
    expect(comedy.movies.length).toBeGreaterThan(0);
    for (const movie of comedy.movies) expect(movie.genres).toContain('Comedy');
  });

  it('user recommendations for a known and an unknown user', async () => {
    const known = await userRecommendations(context.store, 1, { limit: 5 });
    expect(known.coldStart).toBe(false);
    expect(known.movies.length).toBeGreaterThan(0);
    const unknown = await userRecommendations(context.store, 4242, { limit: 3 });
    expect(unknown.coldStart).toBe(true);
    expect(unknown.movies.length).toBeGreaterThan(0);
  });

  it('search, anonymous fold-in and prediction from the model files', async () => {
    expect((await searchMovies(context, { query: 'movie 7', limit: 3 })).movies[0]?.movieId).toBe(
      7,
    );
    const anonymous = await anonymousRecommendations(context, {
      ratings: [
        { title: 'Movie 2', rating: 5 },
        { movieId: 3, rating: 4.5 },
      ],
      limit: 3,
    });
    expect(anonymous.basedOn.map((m) => m.movieId)).toEqual([2, 3]);
    expect(anonymous.movies.length).toBeGreaterThan(0);
    const prediction = await predictRating(context, 1, 2);
    expect(prediction.coldStart).toBe(false);
    expect(prediction.prediction).toBeGreaterThanOrEqual(0.5);
    expect(prediction.prediction).toBeLessThanOrEqual(5);
    expect(prediction.parts.dot).not.toBe(0);
  });
});
