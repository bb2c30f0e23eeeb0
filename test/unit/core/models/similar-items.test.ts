import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { toSparseMatrix } from '../../../../lambdas/core/dataset/sparse-matrix.ts';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';
import { itemRatingStats } from '../../../../lambdas/core/models/popularity.ts';
import {
  allSimilarItems,
  createSimilarItemsTable,
  fillSimilarItems,
  createSimilarityIndex,
  itemSimilarity,
  neighboursOf,
  similarItems,
  similarItemsFromArtifact,
  similarItemsToArtifact,
} from '../../../../lambdas/core/models/similar-items.ts';
import { createRng } from '../../../../lambdas/core/random.ts';
import { BUILT_IN_DATASET, loadDataset } from '../../../../lambdas/local/load-dataset.ts';

// Items 0 and 1 share a factor direction; 2 points elsewhere; 3 has no factors.
const factors = new Float32Array([1, 0, 2, 0, 0, 1, 0, 0]);
const movies = [
  { genres: ['Drama'], year: 2000 },
  { genres: ['Comedy'], year: 2000 },
  { genres: ['Drama'], year: 2000 },
  { genres: ['Drama'], year: null },
];
const content = buildContentFeatures(movies, []);
const genresOnly = { genreWeight: 1, tagWeight: 0, yearWeight: 0 };

describe('similar items', () => {
  it('parallel factor rows are similar 1, orthogonal ones are not neighbours', () => {
    const index = createSimilarityIndex(
      { itemFactors: factors, k: 2, content: null },
      { blend: 1 },
    );
    expect(itemSimilarity(index, 0, 1)).toBeCloseTo(1, 6);
    expect(itemSimilarity(index, 0, 2)).toBe(0);
    const top = similarItems(index, 0, 5);
    expect(Array.from(top.items)).toEqual([1]);
    expect(top.scores[0]).toBeCloseTo(1, 6);
  });

  it('the blend weight moves between latent and content neighbours', () => {
    const input = { itemFactors: factors, k: 2, content };
    const latent = createSimilarityIndex(input, { ...genresOnly, blend: 1 });
    const contentOnly = createSimilarityIndex(input, { ...genresOnly, blend: 0 });
    const half = createSimilarityIndex(input, { ...genresOnly, blend: 0.5 });
    expect(similarItems(latent, 0, 1).items[0]).toBe(1);
    expect(Array.from(similarItems(contentOnly, 0, 3).items)).toEqual([2, 3]);
    // 0–1: 0.5 · cos 1 + 0.5 · genres 0;  0–2: 0.5 · 0 + 0.5 · 1.
    expect(itemSimilarity(half, 0, 1)).toBeCloseTo(0.5, 6);
    expect(itemSimilarity(half, 0, 2)).toBeCloseTo(0.5, 6);
    const mostlyLatent = createSimilarityIndex(input, { ...genresOnly, blend: 0.6 });
    expect(Array.from(similarItems(mostlyLatent, 0, 3).items)).toEqual([1, 2, 3]);
    expect(similarItems(mostlyLatent, 0, 3).scores[2]).toBeCloseTo(0.4, 6);
  });

  it('adds year proximity exp(−Δ/τ) and shrinks the cosine of thinly rated items', () => {
    const withYears = buildContentFeatures(
      [
        { genres: [], year: 1990 },
        { genres: [], year: 2000 },
        { genres: [], year: null },
      ],
      [],
    );
    const years = createSimilarityIndex(
      { itemFactors: null, k: 1, content: withYears },
      { blend: 0, genreWeight: 0, tagWeight: 0, yearWeight: 1, yearScale: 10 },
    );
    expect(itemSimilarity(years, 0, 1)).toBeCloseTo(Math.exp(-1), 6);
    expect(itemSimilarity(years, 0, 2)).toBe(0);

    const shrunk = createSimilarityIndex(
      { itemFactors: factors, k: 2, content: null, itemCounts: new Int32Array([10, 30, 5, 0]) },
      { blend: 1, confidenceShrink: 10 },
    );
    expect(itemSimilarity(shrunk, 0, 1)).toBeCloseTo((10 / 20) * (30 / 40), 6);
  });

  it('items without ratings still get content neighbours', () => {
    const index = createSimilarityIndex(
      { itemFactors: factors, k: 2, content, itemCounts: new Int32Array([5, 5, 5, 0]) },
      genresOnly,
    );
    expect(Array.from(similarItems(index, 3, 5).items)).toEqual([0, 2]);
  });

  it('the all-items table matches one-item queries and pads short rows with -1', () => {
    const rng = createRng(3);
    const n = 37;
    const k = 5;
    const randomFactors = Float32Array.from({ length: n * k }, () => rng.normal());
    const randomContent = buildContentFeatures(
      Array.from({ length: n }, (_, i) => ({
        genres: [['A', 'B', 'C'][i % 3]!, ...(i % 4 === 0 ? ['D'] : [])],
        year: i % 5 === 0 ? null : 1980 + (i % 17),
      })),
      Array.from({ length: 60 }, () => ({
        item: rng.int(n),
        tag: ['fun', 'dark', 'Fun ', 'slow'][rng.int(4)]!,
      })),
    );
    const index = createSimilarityIndex({ itemFactors: randomFactors, k, content: randomContent });
    // Genres only: many exactly tied scores, which must break the same way (lower index first).
    const tied = createSimilarityIndex(
      { itemFactors: null, k: 1, content: randomContent },
      genresOnly,
    );
    for (const [ix, limit] of [
      [index, 8],
      [tied, 5],
    ] as const) {
      const table = allSimilarItems(ix, limit, { kernel: 'typescript' });
      const byRows = createSimilarItemsTable(n, limit);
      fillSimilarItems(ix, byRows, 0, 20);
      fillSimilarItems(ix, byRows, 20, n);
      expect(byRows).toEqual(table);
      for (let i = 0; i < n; i++) {
        const one = similarItems(ix, i, limit);
        const row = neighboursOf(table, i);
        expect(row.items).toEqual(one.items);
        expect(row.scores).toEqual(one.scores);
        for (let r = 0; r < one.items.length; r++) {
          expect(itemSimilarity(ix, i, one.items[r]!)).toBeCloseTo(one.scores[r]!, 5);
          expect(itemSimilarity(ix, one.items[r]!, i)).toBeCloseTo(one.scores[r]!, 5);
        }
      }
      // The WebAssembly kernel: the same neighbours, scores within f32 rounding of the sum.
      const wasm = allSimilarItems(ix, limit);
      for (let i = 0; i < n; i++) {
        const ref = neighboursOf(table, i);
        const got = neighboursOf(wasm, i);
        expect(got.items.length).toBe(ref.items.length);
        for (let r = 0; r < ref.items.length; r++) {
          expect(Math.abs(got.scores[r]! - ref.scores[r]!)).toBeLessThan(1e-5);
          const gapBelow = r + 1 < ref.items.length ? ref.scores[r]! - ref.scores[r + 1]! : 1;
          const gapAbove = r > 0 ? ref.scores[r - 1]! - ref.scores[r]! : 1;
          if (Math.min(gapAbove, gapBelow) > 1e-5) expect(got.items[r]).toBe(ref.items[r]);
        }
      }
    }
    const table = allSimilarItems(index, 8);
    const sparse = allSimilarItems(
      createSimilarityIndex({ itemFactors: factors, k: 2, content: null }),
      3,
    );
    expect(Array.from(sparse.items.subarray(0, 3))).toEqual([1, -1, -1]);
    expect(similarItemsFromArtifact(similarItemsToArtifact(table, index.params))).toEqual(table);
  });

  it('rejects inconsistent inputs', () => {
    expect(() => createSimilarityIndex({ itemFactors: factors, k: 3, content: null })).toThrow(
      /not items × k/,
    );
    expect(() =>
      createSimilarityIndex({ itemFactors: factors.subarray(0, 6), k: 2, content }),
    ).toThrow(/content describes 4 items/);
    expect(() =>
      createSimilarityIndex({ itemFactors: factors, k: 2, content }, { blend: 2 }),
    ).toThrow(/blend/);
    expect(() =>
      similarItems(createSimilarityIndex({ itemFactors: factors, k: 2, content }), 4, 1),
    ).toThrow(RangeError);
  });

  it('finds Toy Story 2 among the ten films most like Toy Story on ml-latest-small', async () => {
    const { dataset } = await loadDataset(BUILT_IN_DATASET);
    const k = 48;
    const index = createSimilarityIndex({
      itemFactors: pureSvdItemFactors(dataset, k),
      k,
      content: buildContentFeatures(dataset.movies, dataset.tags),
      itemCounts: itemRatingStats(dataset.ratings, dataset.movies.length, dataset.scale).counts,
    });
    const item = (id: number) => dataset.itemIds.indexOf(id);
    const titles = (ids: Int32Array) => Array.from(ids, (i) => dataset.movies[i]!.title);
    expect(titles(similarItems(index, item(1), 10).items)).toContain('Toy Story 2');
    const fellowship = titles(similarItems(index, item(4993), 10).items);
    expect(fellowship).toContain('Lord of the Rings: The Two Towers, The');
    // A film nobody rated still gets content neighbours.
    const unrated = dataset.movies.findIndex(
      (_, i) => index.dense[i * index.dim] === 0 && dataset.movies[i]!.genres.length > 0,
    );
    expect(similarItems(index, unrated, 10).items.length).toBe(10);
  });
});

/**
 * Item factors of a truncated SVD of the user-centred rating matrix (PureSVD, Cremonesi, Koren &
 * Turrin 2010) by a randomized range finder with power iterations (Halko, Martinsson & Tropp
 * 2011): Q spans A's top-k left singular vectors, and the rows of Aᵀ Q = V Σ (up to a rotation,
 * which cosines ignore) are the item factors. Good enough and fast, independent of the trained models.
 */
function pureSvdItemFactors(dataset: Dataset, k: number): Float32Array {
  const users = dataset.userIds.length;
  const items = dataset.itemIds.length;
  const A = toSparseMatrix(dataset.ratings, { users, items }, 'user');
  const centred = Float64Array.from(A.values);
  for (let u = 0; u < users; u++) {
    let sum = 0;
    for (let n = A.indptr[u]!; n < A.indptr[u + 1]!; n++) sum += centred[n]!;
    const mean = sum / (A.indptr[u + 1]! - A.indptr[u]!);
    for (let n = A.indptr[u]!; n < A.indptr[u + 1]!; n++) centred[n]! -= mean;
  }
  const times = (X: Float64Array) => {
    const Y = new Float64Array(users * k); // A X
    for (let u = 0; u < users; u++) {
      for (let n = A.indptr[u]!; n < A.indptr[u + 1]!; n++) {
        for (let f = 0; f < k; f++) Y[u * k + f]! += centred[n]! * X[A.indices[n]! * k + f]!;
      }
    }
    return Y;
  };
  const transposeTimes = (Y: Float64Array) => {
    const X = new Float64Array(items * k); // Aᵀ Y
    for (let u = 0; u < users; u++) {
      for (let n = A.indptr[u]!; n < A.indptr[u + 1]!; n++) {
        for (let f = 0; f < k; f++) X[A.indices[n]! * k + f]! += centred[n]! * Y[u * k + f]!;
      }
    }
    return X;
  };
  const orthonormalise = (Y: Float64Array) => {
    for (let f = 0; f < k; f++) {
      for (let g = 0; g < f; g++) {
        let dot = 0;
        for (let u = 0; u < users; u++) dot += Y[u * k + f]! * Y[u * k + g]!;
        for (let u = 0; u < users; u++) Y[u * k + f]! -= dot * Y[u * k + g]!;
      }
      let norm = 0;
      for (let u = 0; u < users; u++) norm += Y[u * k + f]! ** 2;
      for (let u = 0; u < users; u++) Y[u * k + f]! /= Math.sqrt(norm);
    }
    return Y;
  };
  const rng = createRng(7);
  let Q = orthonormalise(times(Float64Array.from({ length: items * k }, () => rng.normal())));
  for (let iteration = 0; iteration < 3; iteration++) Q = orthonormalise(times(transposeTimes(Q)));
  return Float32Array.from(transposeTimes(Q));
}
