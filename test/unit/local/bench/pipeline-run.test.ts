import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesAsRandomAccess } from '../../../../lambdas/app/pipeline/object-store.ts';
import { readAllBytes } from '../../../../lambdas/core/dataset/dataset-files.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';
import { zipDatasetFiles } from '../../../../lambdas/core/dataset/zip-dataset-files.ts';
import { ml25mShapedDataset } from '../../../../lambdas/local/bench/ml25m-shape.ts';
import type { PipelineRunBench } from '../../../../lambdas/local/bench/pipeline-run.ts';
import {
  mergePipelineRunSection,
  PIPELINE_RUN_SECTION_END,
  PIPELINE_RUN_SECTION_START,
  pipelineRunSection,
} from '../../../../lambdas/local/bench/pipeline-run-markdown.ts';
import { zipFolderToFile } from '../../../../lambdas/local/bench/zip-folder-to-file.ts';
import { writeMovieLensCsv } from '../../../../lambdas/local/write-movielens.ts';

describe('the ml-25m-shaped dataset and its zip', () => {
  it("scales ml-25m's shape, adds tags and links, and zips to what the loader reads back", async () => {
    const dataset = ml25mShapedDataset({ ratings: 20_000, seed: 7 });
    expect(dataset.userIds.length).toBe(130);
    // At this size the generator's density bound sets the movies: 4 × 20,000 / 130.
    expect(dataset.itemIds.length).toBe(616);
    expect(dataset.tags).toHaveLength(Math.round((1_093_360 * 20_000) / 25_000_000));
    expect(dataset.movies.every((m) => m.imdbId !== null && m.tmdbId !== null)).toBe(true);
    expect(ml25mShapedDataset({ ratings: 20_000, seed: 7 })).toEqual(dataset);

    const dir = await mkdtemp(join(tmpdir(), 'movierec-zip-'));
    try {
      await writeMovieLensCsv(dataset, join(dir, 'csv'));
      await writeFile(join(dir, 'csv', '.hidden'), 'left out');
      await zipFolderToFile(join(dir, 'csv'), join(dir, 'set.zip'), 'set');
      const files = await zipDatasetFiles(
        bytesAsRandomAccess(await readFile(join(dir, 'set.zip'))),
        'set',
      );
      expect([...files.paths].sort()).toEqual([
        'set/links.csv',
        'set/movies.csv',
        'set/ratings.csv',
        'set/tags.csv',
      ]);
      expect(await readAllBytes(files, 'set/ratings.csv')).toEqual(
        new Uint8Array(await readFile(join(dir, 'csv', 'ratings.csv'))),
      );
      const { dataset: loaded, report } = await loadMovieLens(files);
      expect(loaded.ratings).toEqual(dataset.ratings);
      expect(loaded.movies).toEqual(dataset.movies);
      expect(report.tags).toBe(dataset.tags.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const bench = (overrides: Partial<PipelineRunBench> = {}): PipelineRunBench => ({
  date: '2026-12-02T08:00:00.000Z',
  machine: { cores: 2, cpu: 'Test CPU', memoryGb: 24, node: 'v20.20.2', os: 'linux' },
  loadAverage: { start: [10, 9, 8], end: [12, 11, 10] },
  shape: { ratings: 25_000_000, users: 162_541, items: 59_047, tags: 1_093_360 },
  epochs: 1,
  generateSeconds: 300,
  csvBytes: 677 * 2 ** 20,
  zipBytes: 200 * 2 ** 20,
  wallSeconds: 4000,
  status: 'SUCCEEDED',
  states: [
    { state: 'Ingest dataset', seconds: 190, status: 'succeeded' },
    { state: 'Train on Fargate', seconds: 2000, status: 'succeeded' },
  ],
  functions: [
    {
      state: 'Ingest dataset',
      function: 'IngestFn',
      memoryMb: 3008,
      timeoutSeconds: 900,
      invocations: 1,
      maxSeconds: 189,
      totalSeconds: 189,
      peakHeapBytes: 569 * 2 ** 20,
      peakExternalBytes: 1000 * 2 ** 20,
      peakBytes: 1500 * 2 ** 20,
    },
  ],
  task: {
    kind: 'task',
    state: 'Train on Fargate',
    family: 'TrainTask',
    memoryMiB: 30720,
    seconds: 2000,
    peakRssBytes: 4 * 2 ** 30,
  },
  shards: 82,
  shardItems: 325_082,
  catalogueItems: 177_160,
  processPeakRssBytes: 6 * 2 ** 30,
  ...overrides,
});

describe('pipelineRunSection', () => {
  it('says whether every Lambda step kept within its limits, with the figures', () => {
    const section = pipelineRunSection(bench(), 'movierec bench --only pipeline-25m');
    expect(section.startsWith(PIPELINE_RUN_SECTION_START)).toBe(true);
    expect(section.endsWith(PIPELINE_RUN_SECTION_END)).toBe(true);
    expect(section).toContain('within its memory and timeout: **yes**');
    expect(section).toContain(
      '| Ingest dataset | 3,008 MB | 900.0 s | 1 | 189.0 s | 569 MB | 1,000 MB | 1,500 MB |',
    );
    expect(section).toContain('82 shards wrote 325,082 items');
    expect(section).toContain('peak RSS 4,096 MB of 30,720 MiB');
    expect(section).toContain('1 epoch per model');

    const over = bench();
    over.functions[0]!.peakBytes = 3100 * 2 ** 20;
    expect(pipelineRunSection(over, 'x')).toContain('within its memory and timeout: **no**');
    const failed = pipelineRunSection(bench({ status: 'FAILED', failure: 'out of memory' }), 'x');
    expect(failed).toContain('**failed**: out of memory');
  });

  it('replaces its own section and appends it to a report without one', () => {
    const first = pipelineRunSection(bench(), 'a');
    const second = pipelineRunSection(bench({ shards: 9 }), 'b');
    const report = mergePipelineRunSection('# Benchmarks\n\n## Other\n', first);
    expect(report).toBe(`# Benchmarks\n\n## Other\n\n${first}\n`);
    const merged = mergePipelineRunSection(`${report}\n## After\n`, second);
    expect(merged).toContain(second);
    expect(merged).not.toContain(first);
    expect(merged).toContain('## After');
  });
});
