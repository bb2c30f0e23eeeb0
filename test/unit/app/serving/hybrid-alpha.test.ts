import { beforeAll, describe, expect, it } from 'vitest';
import { anonymousRecommendations } from '../../../../lambdas/app/serving/anonymous-recommendations.ts';
import { loadDashboard } from '../../../../lambdas/app/serving/live-dashboard.ts';
import { loadRatingBaseline } from '../../../../lambdas/app/serving/rating-baseline.ts';
import type { ServingContext } from '../../../../lambdas/app/serving/serving-context.ts';
import { NotFoundError } from '../../../../lambdas/app/serving/serving-errors.ts';
import type { ServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { loadServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { similarMovies } from '../../../../lambdas/app/serving/similar-movies.ts';
import { reblendedSimilarItems } from '../../../../lambdas/core/models/similar-items.ts';
import type { ServingFixture } from './serving-fixture.ts';
import { buildServingFixture, memoryFiles, memoryStore, VERSION } from './serving-fixture.ts';

let fixture: ServingFixture;
let model: ServingModel;
let context: ServingContext;

beforeAll(async () => {
  fixture = await buildServingFixture();
  const files = memoryFiles(fixture.files);
  model = await loadServingModel(files, VERSION);
  context = {
    store: memoryStore(fixture.items),
    model: async () => model,
    baseline: (version) => loadRatingBaseline(files, version),
    dashboard: (version) => loadDashboard(files, version),
  };
});

const ids = (movies: { movieId: number }[]) => movies.map((m) => m.movieId);

describe('similar movies at a requested alpha', () => {
  it("serves the stored list without alpha or at the version's own blend", async () => {
    const id = fixture.dataset.itemIds[0]!;
    const stored = await similarMovies(context, id, { limit: 5 });
    expect(stored.alpha).toBeNull();
    const atBlend = await similarMovies(context, id, {
      limit: 5,
      alpha: model.similarity.params.blend,
    });
    expect(atBlend).toEqual(stored);
  });

  it('computes other blends live, and alpha 0 and 1 give different lists', async () => {
    const id = fixture.dataset.itemIds[0]!;
    const content = await similarMovies(context, id, { limit: 5, alpha: 0 });
    const collaborative = await similarMovies(context, id, { limit: 5, alpha: 1 });
    expect(content.alpha).toBe(0);
    expect(collaborative.alpha).toBe(1);
    expect(content.movies).toHaveLength(5);
    expect(ids(content.movies)).not.toEqual(ids(collaborative.movies));
    const expected = reblendedSimilarItems(
      model.similarity,
      0,
      5,
      0,
      model.contentNeighbours ?? undefined,
    );
    expect(ids(content.movies)).toEqual(
      Array.from(expected.items, (item) => model.catalogue.itemIds[item]),
    );
    expect(content.movies[0]).toMatchObject({
      title: expect.any(String),
      genres: expect.any(Array),
    });
    await expect(similarMovies(context, 424242, { limit: 5, alpha: 0 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('anonymous recommendations at a requested alpha', () => {
  const ratings = [
    { title: 'Toy Story', rating: 5 },
    { title: 'Heat', rating: 4.5 },
  ];

  it('is the fold-in alone by default and at alpha 1', async () => {
    const byDefault = await anonymousRecommendations(context, { ratings, limit: 8 });
    const atOne = await anonymousRecommendations(context, { ratings, limit: 8, alpha: 1 });
    expect(byDefault.alpha).toBe(1);
    expect(ids(atOne.movies)).toEqual(ids(byDefault.movies));
  });

  it('ranks by content similarity to the rated movies at alpha 0', async () => {
    const content = await anonymousRecommendations(context, { ratings, limit: 8, alpha: 0 });
    const collaborative = await anonymousRecommendations(context, { ratings, limit: 8, alpha: 1 });
    expect(content.alpha).toBe(0);
    expect(ids(content.movies)).not.toEqual(ids(collaborative.movies));
    // The first content pick shares a genre with Toy Story or Heat.
    const liked = new Set([
      ...fixture.dataset.movies[0]!.genres,
      ...fixture.dataset.movies[1]!.genres,
    ]);
    expect(content.movies[0]!.genres.some((g) => liked.has(g))).toBe(true);
  });
});
