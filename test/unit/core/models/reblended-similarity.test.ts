import { describe, expect, it } from 'vitest';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';
import { contentNeighbours } from '../../../../lambdas/core/models/content-neighbours.ts';
import {
  contentSimilarity,
  createSimilarityIndex,
  itemSimilarity,
  reblendedSimilarItems,
  similarItems,
  similarityRow,
} from '../../../../lambdas/core/models/similar-items.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

// 40 films, 4 latent factors and content unrelated to them, so the two sides disagree.
const rng = createRng(7);
const items = 40;
const k = 4;
const factors = Float32Array.from({ length: items * k }, () => rng.next() - 0.5);
const genres = ['Drama', 'Comedy', 'Horror', 'Western'];
const movies = Array.from({ length: items }, (_, i) => ({
  genres: [genres[i % 4]!, genres[(i * 7) % 4]!],
  year: 1950 + ((i * 13) % 60),
}));
const tags = Array.from({ length: 60 }, (_, n) => ({ item: (n * 11) % items, tag: `t${n % 9}` }));
const input = {
  itemFactors: factors,
  k,
  content: buildContentFeatures(movies, tags),
  itemCounts: Int32Array.from({ length: items }, (_, i) => 1 + i),
};

describe('similar items at another blend, from one index', () => {
  const index = createSimilarityIndex(input, { blend: 0.7 });

  it('scores as an index built at that blend would', () => {
    for (const alpha of [0, 0.25, 0.7, 1]) {
      const rebuilt = createSimilarityIndex(input, { blend: alpha });
      const live = reblendedSimilarItems(index, 5, 10, alpha);
      const built = similarItems(rebuilt, 5, 10);
      expect([...live.items]).toEqual([...built.items]);
      for (let j = 0; j < live.scores.length; j++)
        expect(live.scores[j]).toBeCloseTo(built.scores[j]!, 5);
    }
  });

  it('gives different lists at alpha 0 (content) and 1 (collaborative)', () => {
    const content = [...reblendedSimilarItems(index, 5, 10, 0).items];
    const collaborative = [...reblendedSimilarItems(index, 5, 10, 1).items];
    expect(content).not.toEqual(collaborative);
  });

  it('drops a part the index was built without', () => {
    const latentOnly = createSimilarityIndex(input, { blend: 1 });
    const row = new Float32Array(items);
    similarityRow(latentOnly, 5, 0, row);
    expect(row.every((s) => s === 0)).toBe(true);
  });

  it('reads the content part from a content-neighbour table, 0 outside its stored pairs', () => {
    const table = contentNeighbours(input.content, index.params, { limit: 3 });
    const contentOnly = createSimilarityIndex({ ...input, itemFactors: null }, { blend: 0 });
    expect([...reblendedSimilarItems(index, 5, 10, 0, table).items]).toEqual([
      ...similarItems(contentOnly, 5, 3).items,
    ]);
    const stored = new Set(table.items.subarray(5 * 3, 6 * 3));
    const latentOnly = createSimilarityIndex(input, { blend: 1 });
    const row = new Float32Array(items);
    const latent = new Float32Array(items);
    similarityRow(index, 5, 0.4, row, table);
    similarityRow(latentOnly, 5, 1, latent);
    for (let j = 0; j < items; j++) {
      const content = stored.has(j) ? itemSimilarity(contentOnly, 5, j) : 0;
      expect(row[j]).toBeCloseTo(0.4 * latent[j]! + 0.6 * content, 5);
    }
  });

  it('scores one pair as the content row (alpha 0) does, with and without the table', () => {
    const table = contentNeighbours(input.content, index.params, { limit: 3 });
    const row = new Float32Array(items);
    const fromTable = new Float32Array(items);
    for (const item of [0, 5, 17]) {
      similarityRow(index, item, 0, row);
      similarityRow(index, item, 0, fromTable, table);
      for (let j = 0; j < items; j++) {
        expect(contentSimilarity(index, item, j)).toBeCloseTo(row[j]!, 5);
        expect(contentSimilarity(index, item, j, table)).toBeCloseTo(fromTable[j]!, 6);
      }
    }
    const latentOnly = createSimilarityIndex(input, { blend: 1 });
    expect(contentSimilarity(latentOnly, 5, 6)).toBe(0);
  });

  it('rejects alpha outside [0, 1]', () => {
    expect(() => reblendedSimilarItems(index, 5, 10, 1.5)).toThrow(/alpha must be in \[0, 1\]/);
    expect(() => reblendedSimilarItems(index, 5, 10, -0.1)).toThrow(RangeError);
  });
});
