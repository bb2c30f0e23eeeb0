import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { zipSync } from 'fflate';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDataset } from '../../lambdas/app/pipeline/ingest-dataset.ts';
import { bytesAsRandomAccess } from '../../lambdas/app/pipeline/object-store.ts';
import { readProcessedDataset } from '../../lambdas/app/pipeline/processed-dataset.ts';
import { datasetDownload } from '../../lambdas/aws/dataset-download.ts';
import { S3ObjectStore } from '../../lambdas/aws/s3-object-store.ts';
import { s3RandomAccess } from '../../lambdas/aws/s3-random-access.ts';
import { DatasetError } from '../../lambdas/core/dataset/dataset-error.ts';
import { loadMovieLens } from '../../lambdas/core/dataset/load-movielens.ts';
import { zipDatasetFiles } from '../../lambdas/core/dataset/zip-dataset-files.ts';
import { InMemoryObjectStore } from '../../lambdas/local/in-memory-object-store.ts';
import { BUILT_IN_DATASET } from '../../lambdas/local/load-dataset.ts';
import { pipelineDataset, zipFolder } from '../../lambdas/local/stack/dataset-upload.ts';
import {
  fixedSource,
  profileSource,
  tinyMovieLensZip,
} from '../unit/app/pipeline/pipeline-fixture.ts';

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const now = () => new Date('2026-03-01T00:00:00Z');

let directory: string;
let s3rver: S3rver;
let client: S3Client;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'movierec-ingest-s3-'));
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [
      { name: 'uploads', configs: [] },
      { name: 'data', configs: [] },
    ],
  });
  const { port } = await s3rver.run();
  client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});

afterAll(async () => {
  client?.destroy();
  await s3rver?.close();
  await rm(directory, { recursive: true, force: true });
});

async function upload(key: string, bytes: Uint8Array): Promise<string> {
  await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: bytes }));
  return `s3://uploads/${key}`;
}

/**
 * Ingest of `zip` through S3 (the local stack's upload of a zip file, streamed; then the staged
 * copy read by ranges) and through memory, side by side.
 */
async function ingestBothWays(name: string, zip: Uint8Array) {
  const path = join(directory, `${name}.zip`);
  await writeFile(path, zip);
  const uri = await pipelineDataset(path, { client, bucket: 'uploads' });
  expect(uri).toBe(`s3://uploads/uploads/${name}.zip`);
  const store = new S3ObjectStore(client, 'data');
  const viaS3 = await ingestDataset(
    { dataset: uri },
    { source: datasetDownload(client, 'data'), store, profiles: profileSource([]), now },
  );
  const memory = new InMemoryObjectStore();
  const inMemory = await ingestDataset(
    { dataset: uri },
    {
      source: fixedSource({ [uri]: zip }, memory),
      store: memory,
      profiles: profileSource([]),
      now,
    },
  );
  return { viaS3, inMemory, store, memory };
}

describe('ingest from an s3:// zip (staged in the data bucket, read by ranges)', () => {
  it('gives the in-memory result on the built-in ml-latest-small', async () => {
    const zip = await zipFolder(BUILT_IN_DATASET);
    const { viaS3, inMemory, store, memory } = await ingestBothWays('ml-latest-small', zip);
    expect(viaS3).toEqual(inMemory);
    expect(viaS3.ratings).toBe(100_836);
    expect(viaS3.bytes).toBe(zip.length);
    expect(await store.get(viaS3.rawKey)).toEqual(zip);
    const fromS3 = await readProcessedDataset(store, viaS3.processedPrefix);
    const fromMemory = await readProcessedDataset(memory, inMemory.processedPrefix);
    expect(fromS3).toEqual(fromMemory);
  }, 120_000);

  it('gives the in-memory result on a zip fixture with tags and links', async () => {
    const { viaS3, inMemory, store, memory } = await ingestBothWays(
      'tiny',
      tinyMovieLensZip('tiny'),
    );
    expect(viaS3).toEqual(inMemory);
    expect(await readProcessedDataset(store, viaS3.processedPrefix)).toEqual(
      await readProcessedDataset(memory, inMemory.processedPrefix),
    );
  });

  it('still names the file and line of a malformed row', async () => {
    const bad = zipSync({
      'broken/movies.csv': new TextEncoder().encode('movieId,title,genres\n1,A (1999),Drama\n'),
      'broken/ratings.csv': new TextEncoder().encode(
        'userId,movieId,rating,timestamp\n1,1,4.0,1000\n2,1,four,1001\n',
      ),
    });
    const uri = await upload('in/broken.zip', bad);
    const error = await ingestDataset(
      { dataset: uri },
      {
        source: datasetDownload(client, 'data'),
        store: new S3ObjectStore(client, 'data'),
        profiles: profileSource([]),
        now,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^ratings\.csv line 3: /);
  });

  it('reads a zip across many small ranged blocks as it reads it from memory', async () => {
    const zip = await zipFolder(BUILT_IN_DATASET);
    await upload('blocks/ml-latest-small.zip', zip);
    const ranged = s3RandomAccess(
      client,
      { bucket: 'uploads', key: 'blocks/ml-latest-small.zip', size: zip.length },
      4096,
    );
    const fromS3 = await loadMovieLens(await zipDatasetFiles(ranged, 'ml-latest-small'));
    const fromMemory = await loadMovieLens(
      await zipDatasetFiles(bytesAsRandomAccess(zip), 'ml-latest-small'),
    );
    expect(fromS3.dataset).toEqual(fromMemory.dataset);
  }, 120_000);
});
