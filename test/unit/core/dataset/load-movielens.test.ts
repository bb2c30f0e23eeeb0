import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../lambdas/core/dataset/dataset-error.ts';
import { inMemoryDatasetFiles } from '../../../../lambdas/core/dataset/dataset-files.ts';
import {
  loadMovieLens,
  type LoadOptions,
} from '../../../../lambdas/core/dataset/load-movielens.ts';

const MOVIES =
  'movieId,title,genres\n1,Toy Story (1995),Animation\n2,Heat (1995),Action\n3,Up (2009),Animation\n';
const HEADER = 'userId,movieId,rating,timestamp\n';

const load = (ratings: string, options: LoadOptions = {}, movies = MOVIES) =>
  loadMovieLens(
    inMemoryDatasetFiles('tiny', { 'ratings.csv': HEADER + ratings, 'movies.csv': movies }),
    options,
  );

/** The DatasetError a load fails with. */
async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected the load to fail');
}

describe('loadMovieLens errors name file, line and problem', () => {
  it('wrong field count', async () => {
    const error = await failure(load('1,1,4.0,100\n1,2,4.0\n'));
    expect(error.message).toBe(
      'ratings.csv line 3: expected 4 fields (user, movie, rating, timestamp) separated by ",", found 3',
    );
    expect([error.file, error.line]).toEqual(['ratings.csv', 3]);
  });

  it('non-numeric rating and non-numeric id', async () => {
    expect((await failure(load('1,1,good,100\n'))).message).toBe(
      'ratings.csv line 2: rating "good" is not a number',
    );
    expect((await failure(load('x1,1,4,100\n'))).message).toBe(
      'ratings.csv line 2: userId "x1" is not a whole number',
    );
    expect((await failure(load('1,-2,4,100\n'))).message).toBe(
      'ratings.csv line 2: movieId "-2" is not a whole number',
    );
  });

  it('out-of-range rating, on line 17', async () => {
    const rows =
      Array.from({ length: 15 }, (_, k) => `${k + 1},1,4.0,100\n`).join('') + '99,2,7,100\n';
    const error = await failure(load(rows));
    expect(error.message).toBe('ratings.csv line 17: rating "7" is out of range 0.5–5');
    expect(error.line).toBe(17);
    expect((await failure(load('1,1,3.7,100\n'))).message).toBe(
      'ratings.csv line 2: rating "3.7" is not a multiple of 0.5',
    );
    expect((await failure(load('1,1,0,100\n'))).message).toBe(
      'ratings.csv line 2: rating "0" is out of range 0.5–5',
    );
  });

  it('rating for a movie not in the movies file', async () => {
    expect((await failure(load('1,1,4,100\n1,99,4,100\n'))).message).toBe(
      'ratings.csv line 3: movieId 99 is not in movies.csv',
    );
  });

  it('duplicate (user, movie) pair names both lines', async () => {
    const error = await failure(load('1,1,4,100\n1,2,4,100\n2,1,3,100\n1,1,5,200\n'));
    expect(error.message).toBe(
      'ratings.csv line 5: duplicate rating of movieId 1 by userId 1 (also on line 2); use the keep-last duplicates policy to keep the later one',
    );
  });

  it('counts lines right across blank lines when naming duplicates', async () => {
    const error = await failure(load('\n1,1,4,100\n\n2,2,4,100\n1,1,5,200\n'));
    expect(error.message).toMatch(/^ratings\.csv line 6: .* \(also on line 3\)/);
  });

  it('empty ratings file and empty movies file', async () => {
    expect((await failure(load(''))).message).toBe('ratings.csv: no ratings (empty file)');
    expect((await failure(load('1,1,4,100\n', {}, 'movieId,title,genres\n'))).message).toBe(
      'movies.csv: no movies (empty file)',
    );
  });

  it('no ratings left after skipping bad rows', async () => {
    expect((await failure(load('1,1,9,100\n1,2,x,100\n', { badRows: 'skip' }))).message).toBe(
      'ratings.csv: no ratings left after skipping 2 bad rows',
    );
  });

  it('wrong field count and duplicate ids in the movies file', async () => {
    expect(
      (await failure(load('1,1,4,100\n', {}, 'movieId,title,genres\n1,Toy Story (1995)\n')))
        .message,
    ).toBe('movies.csv line 2: expected 3 fields (movieId, title, genres), found 2');
    expect(
      (await failure(load('1,1,4,100\n', {}, MOVIES + '2,Heat again (1995),Action\n'))).message,
    ).toBe('movies.csv line 5: movieId 2 appears twice (lines 3 and 5)');
  });

  it('malformed CSV quoting', async () => {
    const error = await failure(
      load('1,1,4,100\n', {}, 'movieId,title,genres\n1,"Toy Story (1995),Animation\n'),
    );
    expect(error.message).toBe('movies.csv line 2: malformed CSV: a quoted field is never closed');
  });

  it('unknown format lists what was found and what is expected', async () => {
    const files = inMemoryDatasetFiles('stuff', { 'notes.txt': 'hi', 'data/scores.csv': '1,2' });
    expect((await failure(loadMovieLens(files))).message).toBe(
      'stuff: unknown format: found notes.txt, data/scores.csv; expected ratings.csv + movies.csv (ml-latest, ml-20m/25m/32m), ratings.dat + movies.dat (ml-1m, ml-10m) or u.data + u.item (ml-100k)',
    );
  });

  it('missing required file', async () => {
    const files = inMemoryDatasetFiles('ml-1m', { 'ml-1m/ratings.dat': '1::1::5::100\n' });
    expect((await failure(loadMovieLens(files))).message).toBe(
      'ml-1m: missing required file ml-1m/movies.dat (found ml-1m/ratings.dat; ml-dat needs ratings.dat and movies.dat)',
    );
  });
});

describe('loadMovieLens policies', () => {
  it("badRows 'skip' loads the good rows and reports the rest by reason", async () => {
    const { dataset, report } = await load(
      '1,1,4,100\n1,2\n1,2,x,100\n1,3,9,100\n2,99,4,100\n1,4,2,100\n2,3,2.5,100\n',
      {
        badRows: 'skip',
      },
    );
    expect(dataset.ratings.value.length).toBe(2);
    expect(Array.from(dataset.ratings.value)).toEqual([4, 2.5]);
    expect(report.skipped).toEqual({
      total: 5,
      byReason: {
        'field-count': {
          count: 1,
          first:
            'ratings.csv line 3: expected 4 fields (user, movie, rating, timestamp) separated by ",", found 2',
        },
        'non-numeric': { count: 1, first: 'ratings.csv line 4: rating "x" is not a number' },
        'out-of-range': { count: 1, first: 'ratings.csv line 5: rating "9" is out of range 0.5–5' },
        'unknown-movie': { count: 2, first: 'ratings.csv line 6: movieId 99 is not in movies.csv' },
      },
    });
  });

  it("duplicates 'keep-last' keeps the later rating and counts the replaced ones", async () => {
    const { dataset, report } = await load(
      '2,1,4,100\n1,1,1,100\n2,2,3,100\n2,1,5,300\n1,1,2,200\n2,1,3.5,400\n',
      {
        duplicates: 'keep-last',
      },
    );
    expect(report.duplicatesReplaced).toBe(3);
    expect(Array.from(dataset.ratings.user)).toEqual([1, 0, 1]);
    expect(Array.from(dataset.ratings.item)).toEqual([1, 0, 0]);
    expect(Array.from(dataset.ratings.value)).toEqual([3, 2, 3.5]);
    expect(Array.from(dataset.ratings.timestamp)).toEqual([100, 200, 400]);
  });

  it('finds duplicates when users are not sorted in the file', async () => {
    const error = await failure(load('2,1,4,100\n1,1,1,100\n2,2,3,100\n2,1,5,300\n'));
    expect(error.message).toMatch(
      /^ratings\.csv line 5: duplicate rating of movieId 1 by userId 2 \(also on line 2\)/,
    );
  });
});
