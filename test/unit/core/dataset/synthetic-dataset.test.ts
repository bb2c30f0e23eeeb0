import { describe, expect, it } from 'vitest';
import {
  generateSyntheticDataset,
  MOVIELENS_GENRES,
} from '../../../../lambdas/core/dataset/synthetic-dataset.ts';

const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.compare(
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

const SHAPE = { users: 500, items: 800, ratings: 30_000, seed: 7 };

describe('generateSyntheticDataset', () => {
  const dataset = generateSyntheticDataset(SHAPE);
  const { ratings } = dataset;

  it('has exactly the requested counts and MovieLens conventions', () => {
    expect(ratings.value.length).toBe(30_000);
    expect(dataset.userIds.length).toBe(500);
    expect(dataset.itemIds.length).toBe(800);
    expect(dataset.movies.length).toBe(800);
    expect(dataset.movies[0]!.id).toBe(dataset.itemIds[0]);
    expect(dataset.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    const offGrid = ratings.value.filter((v) => v * 2 !== Math.round(v * 2) || v < 0.5 || v > 5);
    expect(offGrid.length).toBe(0);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateSyntheticDataset(SHAPE);
    for (const column of ['user', 'item', 'value', 'timestamp'] as const) {
      expect(sameBytes(again.ratings[column], ratings[column])).toBe(true);
    }
    expect(again.movies).toEqual(dataset.movies);
    const other = generateSyntheticDataset({ ...SHAPE, seed: 8 });
    expect(sameBytes(other.ratings.item, ratings.item)).toBe(false);
  });

  it('never repeats a (user, item) pair and orders by user then item', () => {
    for (let k = 1; k < ratings.user.length; k++) {
      const sameUser = ratings.user[k] === ratings.user[k - 1];
      expect(
        ratings.user[k]! > ratings.user[k - 1]! ||
          (sameUser && ratings.item[k]! > ratings.item[k - 1]!),
      ).toBe(true);
    }
  });

  it('has long-tailed item popularity and user activity with a floor of 20', () => {
    const perItem = new Int32Array(800);
    const perUser = new Int32Array(500);
    for (let k = 0; k < ratings.item.length; k++) {
      perItem[ratings.item[k]!]!++;
      perUser[ratings.user[k]!]!++;
    }
    const items = Array.from(perItem).sort((a, b) => b - a);
    const topTenth = items.slice(0, 80).reduce((a, b) => a + b, 0);
    expect(topTenth / 30_000).toBeGreaterThan(0.4);
    const users = Array.from(perUser).sort((a, b) => a - b);
    expect(users[0]).toBeGreaterThanOrEqual(20);
    expect(users[499]! / users[250]!).toBeGreaterThan(4);
  });

  it('looks like MovieLens: mean near 3.5, spread near 1, 1–3 known genres, plausible years and times', () => {
    let sum = 0;
    let squares = 0;
    for (const value of ratings.value) {
      sum += value;
      squares += value * value;
    }
    const mean = sum / ratings.value.length;
    expect(mean).toBeGreaterThan(3.2);
    expect(mean).toBeLessThan(3.8);
    expect(Math.sqrt(squares / ratings.value.length - mean * mean)).toBeGreaterThan(0.7);
    const odd = dataset.movies.filter(
      (movie) =>
        movie.genres.length < 1 ||
        movie.genres.length > 3 ||
        movie.genres.some((genre) => !MOVIELENS_GENRES.includes(genre)) ||
        movie.year! < 1915 ||
        movie.year! > 2023,
    );
    expect(odd).toEqual([]);
    let badTimes = 0;
    for (let k = 0; k < ratings.timestamp.length; k++) {
      const year = new Date(ratings.timestamp[k]! * 1000).getUTCFullYear();
      if (year < dataset.movies[ratings.item[k]!]!.year! || year > 2023) badTimes++;
    }
    expect(badTimes).toBe(0);
  });

  it('carries learnable signal: item means spread beyond what noise alone gives', () => {
    // With 800 items and ~37 ratings each, noise alone (sd ≈ 1) gives item means with sd ≈ 0.17.
    const sums = new Float64Array(800);
    const counts = new Int32Array(800);
    for (let k = 0; k < ratings.item.length; k++) {
      sums[ratings.item[k]!]! += ratings.value[k]!;
      counts[ratings.item[k]!]!++;
    }
    const means = Array.from(sums)
      .map((s, i) => s / counts[i]!)
      .filter((_, i) => counts[i]! >= 30);
    const average = means.reduce((a, b) => a + b, 0) / means.length;
    const sd = Math.sqrt(means.reduce((a, m) => a + (m - average) ** 2, 0) / means.length);
    expect(sd).toBeGreaterThan(0.3);
  });

  it('fills a heavy user without repeats even when popular items run out', () => {
    const dense = generateSyntheticDataset({ users: 3, items: 40, ratings: 60, seed: 1 });
    const seen = new Set<number>();
    for (let k = 0; k < 60; k++) seen.add(dense.ratings.user[k]! * 40 + dense.ratings.item[k]!);
    expect(seen.size).toBe(60);
  });

  it('gives every user at least 5 ratings when the budget is small', () => {
    const sparse = generateSyntheticDataset({ users: 300, items: 500, ratings: 1800, seed: 2 });
    const perUser = new Int32Array(300);
    for (const user of sparse.ratings.user) perUser[user]!++;
    expect(Math.min(...perUser)).toBe(5);
  });

  it('rejects impossible shapes', () => {
    expect(() => generateSyntheticDataset({ users: 10, items: 10, ratings: 5, seed: 1 })).toThrow(
      RangeError,
    );
    expect(() => generateSyntheticDataset({ users: 2, items: 10, ratings: 11, seed: 1 })).toThrow(
      RangeError,
    );
    expect(() => generateSyntheticDataset({ users: 0, items: 10, ratings: 5, seed: 1 })).toThrow(
      RangeError,
    );
  });
});
