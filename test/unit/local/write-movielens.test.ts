import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../../lambdas/core/dataset/synthetic-dataset.ts';
import { loadDataset } from '../../../lambdas/local/load-dataset.ts';
import { writeMovieLensCsv } from '../../../lambdas/local/write-movielens.ts';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'movierec-write-'));

describe('writeMovieLensCsv', () => {
  it('round-trips a synthetic dataset through loadDataset', async () => {
    const dataset = generateSyntheticDataset({ users: 200, items: 300, ratings: 5000, seed: 3 });
    const folder = scratch();
    await writeMovieLensCsv(dataset, folder);
    const { dataset: loaded, report } = await loadDataset(folder);
    expect(report.format).toBe('ml-csv');
    expect(loaded.userIds).toEqual(dataset.userIds);
    expect(loaded.itemIds).toEqual(dataset.itemIds);
    expect(loaded.movies).toEqual(dataset.movies);
    expect(
      Buffer.from(loaded.ratings.user.buffer).equals(Buffer.from(dataset.ratings.user.buffer)),
    ).toBe(true);
    expect(
      Buffer.from(loaded.ratings.item.buffer).equals(Buffer.from(dataset.ratings.item.buffer)),
    ).toBe(true);
    expect(
      Buffer.from(loaded.ratings.value.buffer).equals(Buffer.from(dataset.ratings.value.buffer)),
    ).toBe(true);
    expect(
      Buffer.from(loaded.ratings.timestamp.buffer).equals(
        Buffer.from(dataset.ratings.timestamp.buffer),
      ),
    ).toBe(true);
    expect(loaded.scale).toEqual(dataset.scale);
  });

  it('writes the ml-latest layout, quoting where needed, and keeps links and tags', async () => {
    const { dataset } = await loadDataset(
      join(import.meta.dirname, '../../fixtures/datasets/ml-latest-tiny'),
    );
    const folder = scratch();
    await writeMovieLensCsv(dataset, folder);
    expect(readFileSync(join(folder, 'ratings.csv'), 'utf8').split('\n').slice(0, 3)).toEqual([
      'userId,movieId,rating,timestamp',
      '1,1,4.0,964982703',
      '1,11,3.5,964981247',
    ]);
    const movies = readFileSync(join(folder, 'movies.csv'), 'utf8');
    expect(movies).toContain('\n11,"American President, The (1995)",Comedy|Drama|Romance\n');
    expect(movies).toContain('\n157,"""Great Performances"" Cats (1998)",Musical\n');
    const { dataset: again } = await loadDataset(folder);
    expect(again.movies).toEqual(dataset.movies);
    // The tag by a user without ratings cannot be written back: its raw user id is not kept.
    expect(again.tags).toEqual(dataset.tags.filter((tag) => tag.user >= 0));
  });
});
