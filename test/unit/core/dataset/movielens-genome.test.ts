import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../lambdas/core/dataset/dataset-error.ts';
import { inMemoryDatasetFiles } from '../../../../lambdas/core/dataset/dataset-files.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/datasets/ml-genome-tiny');
const fixtureFiles = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(FIXTURE).map((name) => [name, readFileSync(join(FIXTURE, name), 'utf8')]),
  );

const load = (changes: Record<string, string> = {}, badRows: 'error' | 'skip' = 'error') =>
  loadMovieLens(inMemoryDatasetFiles('ml-genome-tiny', { ...fixtureFiles(), ...changes }), {
    badRows,
  });

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected the load to fail');
}

const SCORES_HEADER = 'movieId,tagId,relevance\n';

describe('the tag genome', () => {
  it('is read when both genome files are present', async () => {
    const { dataset, report } = await load();
    const genome = dataset.genome!;
    expect(genome.tags).toEqual([
      'space',
      'robots',
      'romance',
      'paris',
      'melancholic',
      'good soundtrack',
    ]);
    // Movies 1–9 of the fixture have scores, movie 10 none.
    expect([...genome.items]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(genome.relevance.length).toBe(9 * 6);
    expect(genome.relevance[4 * 6 + 2]).toBeCloseTo(0.9); // movie 5, "romance"
    expect(report.genomeMovies).toBe(9);
    expect(report.files.genomeScores).toBe('genome-scores.csv');
  });

  it('is absent with only one of the two files', async () => {
    const files = fixtureFiles();
    delete files['genome-tags.csv'];
    const { dataset, report } = await loadMovieLens(inMemoryDatasetFiles('x', files));
    expect(dataset.genome).toBeUndefined();
    expect(report.genomeMovies).toBe(0);
  });

  it('arrives in chunks cut anywhere', async () => {
    const files = fixtureFiles();
    const scores = new TextEncoder().encode(files['genome-scores.csv']);
    const whole = await load();
    const chunked = inMemoryDatasetFiles('ml-genome-tiny', files);
    const split = {
      ...chunked,
      open: async function* (path: string) {
        if (path !== 'genome-scores.csv') return yield* chunked.open(path);
        for (let at = 0; at < scores.length; at += 7) yield scores.subarray(at, at + 7);
      },
    };
    const { dataset } = await loadMovieLens(split);
    expect(dataset.genome!.relevance).toEqual(whole.dataset.genome!.relevance);
  });

  it('names file and line of a bad score', async () => {
    const bad = (line: string) =>
      load({ 'genome-scores.csv': `${SCORES_HEADER}1,1,0.5\n${line}\n` });
    expect((await failure(bad('1,2,1.5'))).message).toBe(
      'genome-scores.csv line 3: relevance 1.5 is outside 0–1',
    );
    expect((await failure(bad('1,99,0.5'))).message).toBe(
      'genome-scores.csv line 3: tagId 99 is not in the genome tags file',
    );
    expect((await failure(bad('77,1,0.5'))).message).toBe(
      'genome-scores.csv line 3: movieId 77 is not in the movies file',
    );
    expect((await failure(bad('1,2,high'))).message).toBe(
      'genome-scores.csv line 3: "1,2,high" is not movieId,tagId,relevance numbers',
    );
    expect((await failure(bad('1,2'))).message).toBe(
      'genome-scores.csv line 3: expected 3 fields (movieId, tagId, relevance), found 2',
    );
  });

  it('names file and line of a bad or repeated genome tag', async () => {
    const tags = (body: string) => load({ 'genome-tags.csv': `tagId,tag\n${body}` });
    expect((await failure(tags('1,space\nx,robots\n'))).message).toBe(
      'genome-tags.csv line 3: tagId "x" is not a whole number',
    );
    expect((await failure(tags('1,space\n1,robots\n'))).message).toBe(
      'genome-tags.csv line 3: duplicate tagId 1 (also on line 2)',
    );
  });

  it('skips and counts bad scores under the skip policy', async () => {
    const { dataset, report } = await load(
      { 'genome-scores.csv': `${SCORES_HEADER}1,1,0.5\n2,1,7\n3,1,0.25\n` },
      'skip',
    );
    expect([...dataset.genome!.items]).toEqual([0, 2]);
    expect(report.skipped.byReason['out-of-range']?.count).toBe(1);
  });
});
