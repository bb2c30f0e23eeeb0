import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DecodedModelVersion } from '../core/model-codec/model-version.ts';
import { decodeModelVersion } from '../core/model-codec/model-version.ts';
import { FILE_NAME } from '../core/model-codec/manifest.ts';

/**
 * A model version on local disk: the folder `models/<version>/` holding the files the codec
 * produced. Writes are atomic at the folder level: everything goes into a hidden temporary
 * sibling that is renamed into place only when complete, so a reader never sees half a version.
 */
export interface WriteModelFolderOptions {
  /** Replace an existing version folder (default false: refuse). */
  overwrite?: boolean;
}

export class ModelFolderError extends Error {
  override readonly name = 'ModelFolderError';
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export async function writeModelFolder(
  folder: string,
  files: ReadonlyMap<string, Uint8Array>,
  options: WriteModelFolderOptions = {},
): Promise<void> {
  for (const name of files.keys()) {
    if (!FILE_NAME.test(name))
      throw new ModelFolderError(`${folder}: refusing file name "${name}"`);
  }
  if (!options.overwrite && (await exists(folder))) {
    throw new ModelFolderError(
      `${folder}: model version already exists (pass overwrite to replace it)`,
    );
  }
  const parent = dirname(folder);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `.${basename(folder)}.tmp-${suffix}`);
  await mkdir(parent, { recursive: true });
  await mkdir(staging);
  try {
    for (const [name, bytes] of files) await writeFile(join(staging, name), bytes);
    if (options.overwrite && (await exists(folder))) {
      const retired = join(parent, `.${basename(folder)}.old-${suffix}`);
      await rename(folder, retired);
      await rename(staging, folder);
      await rm(retired, { recursive: true, force: true });
    } else {
      // rename() fails rather than merge if another writer created the folder meanwhile.
      await rename(staging, folder);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Every regular file of the folder, by name. */
export async function readModelFolder(folder: string): Promise<Map<string, Uint8Array>> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new ModelFolderError(`${folder}: cannot read model folder (${(error as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.isFile())
      files.set(entry.name, new Uint8Array(await readFile(join(folder, entry.name))));
  }
  return files;
}

/** Reads and verifies a model version; codec errors gain the folder path. */
export async function loadModelFolder(folder: string): Promise<DecodedModelVersion> {
  const files = await readModelFolder(folder);
  try {
    return decodeModelVersion(files);
  } catch (error) {
    throw new ModelFolderError(`${folder}/${(error as Error).message}`, { cause: error });
  }
}
