import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDashboard } from '../../../../lambdas/app/serving/live-dashboard.ts';
import { loadRatingBaseline } from '../../../../lambdas/app/serving/rating-baseline.ts';
import type { ServingContext } from '../../../../lambdas/app/serving/serving-context.ts';
import type { ServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { loadServingModel } from '../../../../lambdas/app/serving/serving-model.ts';
import { similarMovies } from '../../../../lambdas/app/serving/similar-movies.ts';
import { inMemoryDatasetFiles } from '../../../../lambdas/core/dataset/dataset-files.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';
import { CONTENT_NEIGHBOURS } from '../../../../lambdas/core/models/content-neighbours.ts';
import { contentAffinity } from '../../../../lambdas/core/models/hybrid-scores.ts';
import { withGenome } from '../../../../lambdas/core/models/genome-vectors.ts';
import {
  createSimilarityIndex,
  reblendedSimilarItems,
  similarItems,
} from '../../../../lambdas/core/models/similar-items.ts';
import { topN } from '../../../../lambdas/core/models/top-n.ts';
import type { ServingFixture } from './serving-fixture.ts';
import { buildServingFixture, memoryFiles, memoryStore, VERSION } from './serving-fixture.ts';

// Ten films with genres, years and a tag genome: Star Voyage (item 0, Drama|Sci-Fi) has the
// space films 1–3 as genome neighbours and the romances 4 and 5 as genre twins.
const FIXTURE = join(import.meta.dirname, '../../../fixtures/datasets/ml-genome-tiny');
const { dataset } = await loadMovieLens(
  inMemoryDatasetFiles(
    'ml-genome-tiny',
    Object.fromEntries(
      readdirSync(FIXTURE).map((name) => [name, readFileSync(join(FIXTURE, name), 'utf8')]),
    ),
  ),
);
const content = withGenome(buildContentFeatures(dataset.movies, dataset.tags), dataset.genome);

let fixture: ServingFixture;
let model: ServingModel;
let context: ServingContext;

beforeAll(async () => {
  fixture = await buildServingFixture(dataset);
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
const movieIds = (items: Int32Array) => Array.from(items, (item) => dataset.itemIds[item]!);

describe('the live content side of a per-request alpha', () => {
  it('is the content ranking of every feature group at alpha 0, not genres and year', async () => {
    expect(model.contentNeighbours?.limit).toBe(CONTENT_NEIGHBOURS);
    const allFeatures = createSimilarityIndex(
      { itemFactors: null, k: 0, content },
      { ...model.similarity.params, blend: 0 },
    );
    for (let item = 0; item < dataset.itemIds.length; item++) {
      const live = await similarMovies(context, dataset.itemIds[item]!, { limit: 3, alpha: 0 });
      expect(ids(live.movies)).toEqual(movieIds(similarItems(allFeatures, item, 3).items));
    }
    const starVoyage = await similarMovies(context, dataset.itemIds[0]!, { limit: 3, alpha: 0 });
    expect(ids(starVoyage.movies).sort()).toEqual(movieIds(Int32Array.of(1, 2, 3)));
    // What the API's own index (genres and years) ranks first instead: the romances.
    const genresOnly = reblendedSimilarItems(model.similarity, 0, 3, 0);
    expect([...genresOnly.items]).not.toEqual([...similarItems(allFeatures, 0, 3).items]);
  });

  it('blends the stored content scores with the latent part as an index at that alpha would', async () => {
    // Ten films < M: every positive content pair is stored, so the live blend is exact.
    const factors = model.ranking.itemFactors!;
    for (const alpha of [0.3, 0.9]) {
      const rebuilt = createSimilarityIndex(
        {
          itemFactors: factors.data,
          k: factors.k,
          content,
          itemCounts: model.popularity.stats.counts,
        },
        { ...model.similarity.params, blend: alpha },
      );
      const live = await similarMovies(context, dataset.itemIds[0]!, { limit: 5, alpha });
      const expected = similarItems(rebuilt, 0, 5);
      expect(ids(live.movies)).toEqual(movieIds(expected.items));
      live.movies.forEach((movie, r) => expect(movie.score).toBeCloseTo(expected.scores[r]!, 5));
    }
  });

  it("scores a visitor's content affinity by every feature group", () => {
    // The fold-in itself scores nothing on ten films (too few ratings for EASE), so the content
    // side of POST /recommendations is checked where it is computed.
    const allFeatures = createSimilarityIndex(
      { itemFactors: null, k: 0, content },
      { ...model.similarity.params, blend: 0 },
    );
    const affinity = contentAffinity(
      model.similarity,
      [0],
      [5],
      model.rating.scale,
      model.contentNeighbours!,
    );
    affinity[0] = -Infinity;
    expect([...topN(affinity, 3).items]).toEqual([...similarItems(allFeatures, 0, 3).items]);
  });
});
