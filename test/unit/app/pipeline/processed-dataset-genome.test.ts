import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inMemoryDatasetFiles } from '../../../../lambdas/core/dataset/dataset-files.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';
import {
  decodeProcessedDataset,
  encodeProcessedDataset,
} from '../../../../lambdas/app/pipeline/processed-dataset.ts';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/datasets/ml-genome-tiny');
const files = Object.fromEntries(
  readdirSync(FIXTURE).map((name) => [name, readFileSync(join(FIXTURE, name), 'utf8')]),
);

describe('the processed dataset keeps the tag genome', () => {
  it('round-trips the genome through its two binary files', async () => {
    const { dataset } = await loadMovieLens(inMemoryDatasetFiles('ml-genome-tiny', files));
    const encoded = encodeProcessedDataset(dataset);
    expect(encoded.has('genome.items.i32') && encoded.has('genome.relevance.f32')).toBe(true);
    expect(decodeProcessedDataset(encoded).genome).toEqual(dataset.genome);
  });

  it('writes no genome files for a release without one', async () => {
    const withoutGenome = { ...files };
    delete withoutGenome['genome-scores.csv'];
    const { dataset } = await loadMovieLens(inMemoryDatasetFiles('x', withoutGenome));
    const encoded = encodeProcessedDataset(dataset);
    expect([...encoded.keys()].some((name) => name.startsWith('genome.'))).toBe(false);
    expect(decodeProcessedDataset(encoded).genome).toBeUndefined();
  });
});
