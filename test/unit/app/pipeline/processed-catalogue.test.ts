import { describe, expect, it } from 'vitest';
import { bytesAsRandomAccess } from '../../../../lambdas/app/pipeline/object-store.ts';
import {
  readProcessedCatalogue,
  readProcessedDataset,
  writeProcessedDataset,
} from '../../../../lambdas/app/pipeline/processed-dataset.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';
import { zipDatasetFiles } from '../../../../lambdas/core/dataset/zip-dataset-files.ts';
import { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import { tinyMovieLensZip } from './pipeline-fixture.ts';

const PREFIX = 'datasets/processed/tiny/0123456789abcdef/';

describe('readProcessedCatalogue', () => {
  it('reads the movies, tags and movie ids of the whole dataset, without its ratings', async () => {
    const zip = await zipDatasetFiles(bytesAsRandomAccess(tinyMovieLensZip('tiny')), 'tiny');
    const { dataset } = await loadMovieLens(zip);
    const store = new InMemoryObjectStore();
    await writeProcessedDataset(store, PREFIX, dataset);
    const whole = await readProcessedDataset(store, PREFIX);
    expect(whole).toEqual(dataset);

    const catalogue = await readProcessedCatalogue(store, PREFIX);
    expect(catalogue).toEqual({
      name: dataset.name,
      itemIds: dataset.itemIds,
      movies: dataset.movies,
      tags: dataset.tags,
    });
    expect(catalogue.tags).toHaveLength(3);
    // The rating arrays are not read: without them the catalogue reads the same.
    for (const key of store.keys(`${PREFIX}ratings.`)) store.objects.delete(key);
    expect(await readProcessedCatalogue(store, PREFIX)).toEqual(catalogue);
    await expect(readProcessedDataset(store, PREFIX)).rejects.toThrow(/missing object/);
  });
});
