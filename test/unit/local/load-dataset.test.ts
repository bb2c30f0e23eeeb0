import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../lambdas/core/dataset/dataset-error.ts';
import type { ProgressEvent } from '../../../lambdas/core/progress.ts';
import { BUILT_IN_DATASET, loadDataset } from '../../../lambdas/local/load-dataset.ts';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/datasets', name);

describe('loadDataset on the tiny fixtures', () => {
  it('reads ml-100k: tab ratings, latin-1 u.item with genre flags, whole-star scale', async () => {
    const { dataset, report } = await loadDataset(fixture('ml-100k-tiny'));
    expect(report.format).toBe('ml-100k');
    expect(report.encodings['u.item']).toBe('latin-1');
    expect(Array.from(dataset.userIds)).toEqual([3, 22, 196]);
    expect(Array.from(dataset.itemIds)).toEqual([1, 2, 3, 4, 5]);
    expect(dataset.movies.map((m) => [m.title, m.year, m.genres, m.imdbId])).toEqual([
      ['Toy Story', 1995, ['Animation', 'Children', 'Comedy'], null],
      ['GoldenEye', 1995, ['Action', 'Adventure', 'Thriller'], null],
      ['Misérables, Les', 1995, ['Drama', 'Musical', 'War'], '0113828'],
      ['unknown', null, [], null],
      ['Wings of Courage', 1996, ['Adventure', 'Romance'], null],
    ]);
    // File order kept; users mapped to dense indices by ascending raw id.
    expect(Array.from(dataset.ratings.user)).toEqual([2, 1, 2, 0, 1, 0]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 1, 2, 0, 4, 1]);
    expect(Array.from(dataset.ratings.value)).toEqual([3, 5, 4, 1, 2, 4]);
    expect(dataset.ratings.timestamp[0]).toBe(881250949);
    expect(dataset.scale).toEqual({ min: 1, max: 5, step: 1 });
    expect(dataset.name).toBe('ml-100k-tiny');
  });

  it('reads ml-1m: "::" files in latin-1, "Children\'s" normalised', async () => {
    const { dataset, report } = await loadDataset(fixture('ml-1m-tiny'));
    expect(report.format).toBe('ml-dat');
    expect(report.encodings['movies.dat']).toBe('latin-1');
    expect(dataset.movies[1]).toEqual({
      id: 73,
      title: 'Misérables, Les',
      year: 1995,
      genres: ['Drama', 'Musical'],
      imdbId: null,
      tmdbId: null,
    });
    expect(dataset.movies[0]!.genres).toEqual(['Animation', 'Children', 'Comedy']);
    expect(Array.from(dataset.itemIds)).toEqual([1, 73, 2]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 1, 2, 0]);
    expect(dataset.tags).toEqual([]);
    expect(dataset.scale).toEqual({ min: 1, max: 5, step: 1 });
  });

  it('reads ml-10m from its subfolder: UTF-8, half stars, tags.dat with "::" inside a tag', async () => {
    const { dataset, report } = await loadDataset(fixture('ml-10m-tiny'));
    expect(report.files.ratings).toBe('ml-10M100K/ratings.dat');
    expect(report.encodings['movies.dat']).toBe('utf-8');
    expect(dataset.name).toBe('ml-10M100K');
    expect(dataset.movies[2]).toMatchObject({
      id: 7,
      title: "Amélie (Fabuleux destin d'Amélie Poulain, Le)",
      year: 2001,
      genres: [],
    });
    expect(Array.from(dataset.ratings.value)).toEqual([3.5, 5, 0.5, 4.5]);
    expect(dataset.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expect(dataset.tags).toEqual([
      { user: -1, item: 0, tag: 'pixar', timestamp: 1215184630 },
      { user: 0, item: 3, tag: 'Mark Twain', timestamp: 1188263867 },
      { user: 1, item: 4, tag: 'a::b', timestamp: 1188263868 },
    ]);
  });

  it('reads ml-latest CSV with CRLF, quoted titles, ranges, tags and partial links', async () => {
    const { dataset, report } = await loadDataset(fixture('ml-latest-tiny'));
    expect(report.format).toBe('ml-csv');
    expect(dataset.movies.map((m) => [m.id, m.title, m.year, m.imdbId, m.tmdbId])).toEqual([
      [1, 'Toy Story', 1995, '0114709', 862],
      [11, 'American President, The', 1995, '0112346', 9087],
      [40697, 'Babylon 5', null, '0105946', null],
      [157, '"Great Performances" Cats', 1998, null, null],
      [171749, 'Death Note: Desu nôto', 2006, null, null],
    ]);
    expect(dataset.movies[4]!.genres).toEqual([]);
    expect(Array.from(dataset.userIds)).toEqual([1, 5]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 1, 2, 0, 3]);
    expect(Array.from(dataset.ratings.value)).toEqual([4, 3.5, 0.5, 5, 3]);
    expect(dataset.tags).toEqual([
      { user: 0, item: 1, tag: 'funny, really', timestamp: 1445714994 },
      { user: -1, item: 0, tag: 'pixar', timestamp: 1445714996 },
    ]);
    expect(report.skipped.total).toBe(0);
  });

  it('reads a GroupLens-style zip file from disk', async () => {
    const folder = fixture('ml-latest-tiny');
    const entries = Object.fromEntries(
      readdirSync(folder).map((file) => [
        `ml-latest-tiny/${file}`,
        readFileSync(join(folder, file)),
      ]),
    );
    const zipPath = join(mkdtempSync(join(tmpdir(), 'movierec-')), 'ml-latest-tiny.zip');
    writeFileSync(zipPath, zipSync(entries));
    const fromZip = await loadDataset(zipPath);
    const fromFolder = await loadDataset(folder);
    expect(fromZip.dataset).toEqual(fromFolder.dataset);
    expect(fromZip.report.files.ratings).toBe('ml-latest-tiny/ratings.csv');
  });
});

describe('loadDataset on the built-in ml-latest-small', () => {
  it('has the published counts and Toy Story as item 0', async () => {
    const events: ProgressEvent[] = [];
    const { dataset, report } = await loadDataset(BUILT_IN_DATASET, {
      onProgress: (event) => events.push(event),
    });
    expect(report.ratings).toBe(100836);
    expect(report.users).toBe(610);
    expect(report.items).toBe(9742);
    expect(dataset.ratings.value.length).toBe(100836);
    expect(dataset.movies[0]).toEqual({
      id: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
      imdbId: '0114709',
      tmdbId: 862,
    });
    expect(dataset.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expect(dataset.tags.length).toBe(3683);
    let sum = 0;
    for (const value of dataset.ratings.value) sum += value;
    expect(sum / 100836).toBeCloseTo(3.5016, 4);
    const last = events[events.length - 1]!;
    expect(last.step).toBe('load ratings');
    expect(last.done).toBe(last.total);
  });
});

describe('loadDataset errors', () => {
  it('names a path that does not exist', async () => {
    await expect(loadDataset('/no/such/dataset')).rejects.toThrow(
      new DatasetError('/no/such/dataset', undefined, 'no such file or folder'),
    );
  });

  it('rejects a file that is neither a folder nor a zip', async () => {
    await expect(loadDataset(join(fixture('ml-1m-tiny'), 'users.dat'))).rejects.toThrow(
      /expected a folder or a \.zip file/,
    );
  });

  it('rejects an unreadable zip', async () => {
    const zipPath = join(mkdtempSync(join(tmpdir(), 'movierec-')), 'broken.zip');
    writeFileSync(zipPath, 'this is not a zip');
    await expect(loadDataset(zipPath)).rejects.toThrow(
      'broken.zip: unreadable zip: no end-of-central-directory record (not a zip file?)',
    );
  });

  it('rejects a zip whose compressed data is corrupt (native inflate)', async () => {
    const ratings = 'userId,movieId,rating,timestamp\n' + '1,1,4.0,100\n'.repeat(500);
    const zip = zipSync({
      'ml/ratings.csv': new TextEncoder().encode(ratings),
      'ml/movies.csv': new TextEncoder().encode('movieId,title,genres\n1,A (1995),Drama\n'),
    });
    // The first entry's deflate stream starts right after its 30-byte header and 14-byte name.
    for (let k = 44; k < 64; k++) zip[k] = 0xff;
    const zipPath = join(mkdtempSync(join(tmpdir(), 'movierec-')), 'corrupt.zip');
    writeFileSync(zipPath, zip);
    await expect(loadDataset(zipPath)).rejects.toThrow(
      /^corrupt\.zip: unreadable zip: ml\/ratings\.csv does not inflate/,
    );
  });
});
