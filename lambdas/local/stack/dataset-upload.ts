import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { zipSync } from 'fflate';
import { GROUPLENS_DATASETS } from '../../app/pipeline/ingest-dataset.ts';
import { BUILT_IN_DATASET } from '../load-dataset.ts';

/** Where the local stack puts a dataset from disk for ingest to read: `uploads/<name>.zip`. */
export const UPLOADS_PREFIX = 'uploads/';

/**
 * The pipeline's `dataset` input for a `--dataset` argument: a GroupLens name as is (ingest
 * downloads it), a local folder or zip uploaded to the data bucket first (ingest then reads the
 * s3:// zip exactly as it would in the cloud). No argument means the built-in ml-latest-small.
 */
export async function pipelineDataset(
  argument: string | undefined,
  upload: { client: S3Client; bucket: string },
): Promise<string> {
  if (argument !== undefined && (GROUPLENS_DATASETS as readonly string[]).includes(argument)) {
    return argument;
  }
  const path = argument ?? BUILT_IN_DATASET;
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(
      `dataset "${path}" is neither a folder, a .zip file nor one of ${GROUPLENS_DATASETS.join(', ')}`,
    );
  }
  const name = datasetName(path);
  const key = `${UPLOADS_PREFIX}${name}.zip`;
  // A zip file streams from disk (ml-25m's is 250 MB); a folder is zipped in memory.
  const body = info.isDirectory()
    ? { Body: await zipFolder(path) }
    : { Body: createReadStream(zipPath(path)), ContentLength: info.size };
  await upload.client.send(
    new PutObjectCommand({
      Bucket: upload.bucket,
      Key: key,
      ...body,
      ContentType: 'application/zip',
    }),
  );
  return `s3://${upload.bucket}/${key}`;
}

/** A name ingest accepts (letters, digits, `._-`) from the folder or zip file name. */
export function datasetName(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ''))
    .replace(/\.zip$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return name === '' ? 'dataset' : name;
}

function zipPath(path: string): string {
  if (!/\.zip$/i.test(path)) {
    throw new Error(`dataset "${path}" is a file but not a .zip: give a folder or a GroupLens zip`);
  }
  return path;
}

/**
 * The folder's files (not sub-folders: MovieLens folders are flat) as a zip held in memory,
 * under one top folder as GroupLens packs them. Level 1: the upload is local, speed matters more.
 */
export async function zipFolder(folder: string): Promise<Uint8Array> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: Record<string, Uint8Array> = {};
  const top = datasetName(folder);
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    files[`${top}/${entry.name}`] = await readFile(join(folder, entry.name));
  }
  if (Object.keys(files).length === 0) throw new Error(`dataset folder "${folder}" has no files`);
  return zipSync(files, { level: 1 });
}
