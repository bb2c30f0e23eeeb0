import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../core/dataset/dataset-error.ts';
import type { Dataset } from '../core/dataset/dataset.ts';
import {
  loadMovieLens,
  type LoadOptions,
  type LoadReport,
} from '../core/dataset/load-movielens.ts';
import { folderDatasetFiles, zipFileDatasetFiles } from './dataset-file-sources.ts';

/** The ml-latest-small copy shipped with the project (data/ml-latest-small, with its licence). */
export const BUILT_IN_DATASET = fileURLToPath(
  new URL('../../data/ml-latest-small', import.meta.url),
);

/**
 * Loads a MovieLens dataset from a folder or a GroupLens .zip, format auto-detected. Progress is
 * reported by bytes of the ratings file read. Problems are DatasetErrors naming file and line.
 */
export async function loadDataset(
  path: string,
  options: LoadOptions = {},
): Promise<{ dataset: Dataset; report: LoadReport }> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) {
    throw new DatasetError(path, undefined, 'no such file or folder');
  }
  if (info.isDirectory()) {
    return loadMovieLens(await folderDatasetFiles(absolute, basename(absolute)), options);
  }
  if (!absolute.toLowerCase().endsWith('.zip')) {
    throw new DatasetError(path, undefined, 'expected a folder or a .zip file');
  }
  const { files, close } = await zipFileDatasetFiles(absolute, basename(absolute, '.zip'));
  try {
    return await loadMovieLens(files, options);
  } finally {
    await close();
  }
}
