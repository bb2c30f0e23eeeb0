import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../lambdas/core/dataset/synthetic-dataset.ts';
import { writeMovieLensCsv } from '../../lambdas/local/write-movielens.ts';

const CLI = fileURLToPath(new URL('../../bin/movierec.js', import.meta.url));
const TINY = fileURLToPath(new URL('../fixtures/datasets/ml-latest-tiny', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would: a child process, stderr not a TTY. */
const movierec = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });

let work: string;
let synthetic: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'movierec-cli-'));
  synthetic = join(work, 'synthetic');
  await writeMovieLensCsv(
    generateSyntheticDataset({ users: 40, items: 30, ratings: 600, seed: 5 }),
    synthetic,
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.concurrent('movierec tune', () => {
  it('prints the trials and the best as one JSON object of the documented shape', async () => {
    const args = ['tune', '--data', synthetic, '--protocol', 'rating-cv5', '--trials', '3'];
    const run = await movierec(...args, '--seed', '4', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['protocol', 'trials', 'best']);
    expect(report.protocol).toBe('rating-cv5');
    expect(report.trials).toHaveLength(3);
    for (const trial of report.trials) {
      expect(Object.keys(trial)).toEqual(['params', 'metrics', 'seconds']);
      expect(trial.metrics.rmse).toBeGreaterThan(0);
    }
    expect(Object.keys(report.best)).toEqual(['params', 'metrics']);
    const rmses = report.trials.map((t: { metrics: { rmse: number } }) => t.metrics.rmse);
    expect(report.best.metrics.rmse).toBe(Math.min(...rmses));
    // Without --json: a line per trial and the best.
    const text = await movierec(...args, '--seed', '4');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^trial 0 {2}rmse \d\.\d{4} {2}sgdFactors=64 sgdLearningRate=0\.07 /m,
    );
    expect(text.stdout).toMatch(/^trial 2 /m);
    expect(text.stdout).toMatch(/^best {6}trial \d/m);
  });

  it('refuses a protocol without a tuned model and a trial count out of range', async () => {
    const [protocol, zero, many] = await Promise.all([
      movierec('tune', '--data', TINY, '--protocol', 'ranking-heldout-users', '--trials', '2'),
      movierec('tune', '--data', TINY, '--protocol', 'rating-cv5', '--trials', '0'),
      movierec('tune', '--data', TINY, '--protocol', 'rating-cv5', '--trials', '201'),
    ]);
    expect(protocol.code).not.toBe(0);
    expect(protocol.stderr).toMatch(/ranking-heldout-users/);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--trials/);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/--trials: at most 200/);
    const heldout = await movierec(
      'evaluate',
      '--data',
      TINY,
      '--protocol',
      'ranking-heldout-users',
      '--tune',
      '2',
    );
    expect(heldout.code).toBe(2);
    expect(heldout.stderr).toMatch(/--tune: ranking-heldout-users has no training folds/);
  });
});

// Child processes mostly wait on start-up, so independent runs go concurrently.
describe.concurrent('movierec evaluate', () => {
  it('prints exactly one JSON object of the documented shape with --json', async () => {
    const run = await movierec(
      'evaluate',
      '--data',
      synthetic,
      '--protocol',
      'rating-cv5',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(Object.keys(report)).toEqual([
      'dataset',
      'protocol',
      'model',
      'metrics',
      'folds',
      'timings',
    ]);
    expect(report.dataset).toEqual({ name: 'synthetic', ratings: 600, users: 40, items: 30 });
    expect(report.protocol).toBe('rating-cv5');
    expect(report.model.name).toEqual(expect.any(String));
    expect(Object.keys(report.metrics).sort()).toEqual(['mae', 'rmse']);
    expect(report.folds).toHaveLength(5);
    expect(Object.keys(report.timings)).toEqual(['load_s', 'fit_s', 'predict_s', 'total_s']);
    expect(report.metrics.rmse).toBeGreaterThan(0);
    expect(report.metrics.rmse).toBeLessThan(2);
  });

  it('reports the ranking metrics for ranking-stratified75', async () => {
    const run = await movierec(
      'evaluate',
      '--data',
      synthetic,
      '--protocol',
      'ranking-stratified75',
      '--seed',
      '7',
      '--json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.protocol).toBe('ranking-stratified75');
    expect(Object.keys(report.metrics).sort()).toEqual(
      ['coverage', 'map@10', 'ndcg@10', 'precision@10', 'recall@10'].sort(),
    );
  });

  it('reports the fold-in and its baselines for ranking-heldout-users', async () => {
    const args = ['evaluate', '--data', synthetic, '--protocol', 'ranking-heldout-users'];
    const [run, text] = await Promise.all([movierec(...args, '--json'), movierec(...args)]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(text.stdout).toContain(`users     ${report.folds[0].users} held out and scored`);
    expect(text.stdout).toMatch(/^scorer +ndcg@10 +ndcg@100 +recall@20 +recall@50$/m);
    expect(text.stdout).toMatch(/^popularity +0\.\d{4}/m);
    const cutoffs = ['ndcg@10', 'ndcg@100', 'recall@20', 'recall@50'];
    expect(Object.keys(report.metrics)).toEqual(cutoffs);
    expect(Object.keys(report.baselines)).toEqual(['ease', 'popularity']);
    expect(Object.keys(report.baselines.popularity)).toEqual(cutoffs);
    expect(report.folds[0].users).toBeGreaterThan(0);
  });

  it('fails with one line naming file and line for a bad dataset', async () => {
    const bad = join(work, 'bad');
    cpSync(TINY, bad, { recursive: true });
    writeFileSync(
      join(bad, 'ratings.csv'),
      'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,11,7,964981247\n',
    );
    const run = await movierec('evaluate', '--data', bad, '--protocol', 'rating-cv5', '--json');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ratings\.csv line 3/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('rejects an unknown protocol and a missing folder with one line each', async () => {
    const [protocol, missing] = await Promise.all([
      movierec('evaluate', '--data', TINY, '--protocol', 'rmse-please'),
      movierec('evaluate', '--data', join(work, 'nope'), '--protocol', 'rating-cv5'),
    ]);
    expect(protocol.code).not.toBe(0);
    expect(protocol.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(protocol.stderr).toMatch(/rating-cv5, ranking-stratified75, ranking-stratified75-user/);

    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope/);
  });
});

describe('movierec train and recommend', () => {
  it('trains a version, recommends for a known user, an unknown user and an anonymous fan', async () => {
    const model = join(work, 'v1');
    const train = await movierec('train', '--data', synthetic, '--out', model, '--json');
    expect(train.code).toBe(0);
    const summary = JSON.parse(train.stdout);
    expect(summary.version).toBe('v1');
    expect(summary.metrics['ndcg@10']).toBeGreaterThanOrEqual(0);

    const [known, unknown, fan] = await Promise.all([
      movierec('recommend', '--model', model, '--user', '1', '--limit', '3', '--json'),
      movierec('recommend', '--model', model, '--user', '999999'),
      movierec('recommend', '--model', model, '--like', 'Synthetic Movie 3'),
    ]);
    expect(known.code).toBe(0);
    const answer = JSON.parse(known.stdout);
    expect(answer.result.coldStart).toBe(false);
    expect(answer.result.movies).toHaveLength(3);

    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(/cold start/);

    expect(fan.code).toBe(0);
    expect(fan.stdout).toMatch(/Synthetic Movie 3 \(\d{4}\)/);
    expect(fan.stdout.trimEnd().split('\n').length).toBeGreaterThan(1);
  });
});
