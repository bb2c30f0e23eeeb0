import { describe, expect, it } from 'vitest';
import { mergeRatings, readAddedRatings } from '../../../../lambdas/core/dataset/added-ratings.ts';
import type { AddedRows } from '../../../../lambdas/core/dataset/added-ratings.ts';
import { DatasetError } from '../../../../lambdas/core/dataset/dataset-error.ts';
import { inMemoryDatasetFiles } from '../../../../lambdas/core/dataset/dataset-files.ts';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';

const MOVIES =
  'movieId,title,genres\n1,Toy Story (1995),Animation\n2,Heat (1995),Action\n3,Up (2009),Animation\n';
const HEADER = 'userId,movieId,rating,timestamp\n';

async function dataset(ratings: string): Promise<Dataset> {
  const files = inMemoryDatasetFiles('tiny', {
    'ratings.csv': HEADER + ratings,
    'movies.csv': MOVIES,
    'tags.csv': 'userId,movieId,tag,timestamp\n7,2,loud,5\n',
  });
  return (await loadMovieLens(files)).dataset;
}

async function* chunks(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const read = (base: Dataset, text: string, file = 'datasets/incoming/extra.csv') =>
  readAddedRatings(base, file, chunks(text));

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected the read to fail');
}

/** The merged ratings as sorted "user:movie=rating" strings with raw ids. */
const triples = (d: Dataset): string[] =>
  Array.from(
    d.ratings.user,
    (u, k) => `${d.userIds[u]}:${d.itemIds[d.ratings.item[k]!]}=${d.ratings.value[k]}`,
  ).sort();

describe('readAddedRatings', () => {
  it('reads rows with raw users and the dataset movies, after the header', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n');
    expect(await read(base, `${HEADER}9,3,4.5,200\n1,2,2,201\n`)).toEqual({
      user: [9, 1],
      item: [2, 1],
      value: [4.5, 2],
      timestamp: [200, 201],
    });
  });

  it('fails on the first bad row with the object key and line', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n');
    const unknown = await failure(read(base, `${HEADER}9,3,4.5,200\n9,42,4,201\n`));
    expect(unknown.message).toBe('datasets/incoming/extra.csv line 3: movieId 42 is not in tiny');
    expect([unknown.file, unknown.line]).toEqual(['datasets/incoming/extra.csv', 3]);
    expect((await failure(read(base, `${HEADER}9,3,7,200\n`))).message).toBe(
      'datasets/incoming/extra.csv line 2: rating "7" is out of range 0.5–5',
    );
    expect((await failure(read(base, `${HEADER}9,x,4,200\n`))).message).toBe(
      'datasets/incoming/extra.csv line 2: movieId "x" is not a whole number',
    );
    expect((await failure(read(base, `${HEADER}9,3,4\n`))).line).toBe(2);
    expect((await failure(read(base, HEADER))).message).toBe(
      'datasets/incoming/extra.csv: no ratings (empty file)',
    );
  });

  it('refuses a half star when the dataset rates in whole stars', async () => {
    const whole = await dataset('1,1,4,100\n7,2,3,100\n');
    expect(whole.scale).toEqual({ min: 1, max: 5, step: 1 });
    expect((await failure(read(whole, `${HEADER}9,3,4.5,200\n`))).message).toBe(
      "datasets/incoming/extra.csv line 2: rating 4.5 is not on the dataset's scale (1–5 in steps of 1)",
    );
    expect((await failure(read(whole, `${HEADER}9,3,0.5,200\n`))).line).toBe(2);
  });
});

describe('mergeRatings', () => {
  it('adds file users and profile users above every id, in the order given', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n7,3,5.0,100\n');
    const file = await read(base, `${HEADER}12,1,2.5,300\n3,2,4.0,301\n`);
    const merged = mergeRatings(
      base,
      [file],
      [
        [{ movieId: 3, rating: 4.5, timestamp: 400 }],
        [],
        [
          { movieId: 1, rating: 5, timestamp: 401 },
          { movieId: 2, rating: 1, timestamp: 402 },
        ],
      ],
    );
    expect(merged.addedUserIds).toEqual([13, null, 14]);
    expect(merged.counts).toEqual({ dataset: 3, files: 2, addedUsers: 3 });
    expect(merged.replaced).toBe(0);
    expect(Array.from(merged.dataset.userIds)).toEqual([1, 3, 7, 12, 13, 14]);
    expect(triples(merged.dataset)).toEqual(
      ['1:1=4', '7:2=3.5', '7:3=5', '12:1=2.5', '3:2=4', '13:3=4.5', '14:1=5', '14:2=1'].sort(),
    );
    expect(merged.dataset.ratings.timestamp).toContain(402);
    // User 7's tag follows user 7 to its new dense index.
    const tag = merged.dataset.tags[0]!;
    expect(merged.dataset.userIds[tag.user]).toBe(7);
    expect(merged.dataset.ratings.value.length).toBe(8);
  });

  it('a later rating of the same user and movie replaces the earlier one', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n');
    const first = await read(base, `${HEADER}1,1,1.0,300\n5,3,2.0,301\n5,3,3.0,302\n`, 'a.csv');
    const second = await read(base, `${HEADER}5,3,4.0,303\n`, 'b.csv');
    const merged = mergeRatings(base, [first, second], []);
    expect(triples(merged.dataset)).toEqual(['1:1=1', '5:3=4', '7:2=3.5']);
    expect(merged.counts).toEqual({ dataset: 1, files: 2, addedUsers: 0 });
    expect(merged.replaced).toBe(3);
  });

  it('drops profile ratings of unknown movies or off the scale, and counts them', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n');
    const merged = mergeRatings(
      base,
      [],
      [
        [
          { movieId: 99, rating: 4, timestamp: 1 },
          { movieId: 2, rating: 4.25, timestamp: 1 },
          { movieId: 3, rating: 4, timestamp: 1 },
        ],
        [{ movieId: 98, rating: 4, timestamp: 1 }],
      ],
    );
    expect(merged.dropped).toBe(3);
    expect(merged.addedUserIds).toEqual([8, null]);
    expect(triples(merged.dataset)).toEqual(['1:1=4', '7:2=3.5', '8:3=4']);
  });

  it('leaves the dataset as it was when nothing is added', async () => {
    const base = await dataset('1,1,4.0,100\n7,2,3.5,100\n');
    const merged = mergeRatings(base, [] as AddedRows[], []);
    expect(triples(merged.dataset)).toEqual(triples(base));
    expect(merged.counts).toEqual({ dataset: 2, files: 0, addedUsers: 0 });
  });
});
