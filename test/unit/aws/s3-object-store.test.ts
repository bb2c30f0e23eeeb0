import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { datasetDownload } from '../../../lambdas/aws/dataset-download.ts';
import { S3ObjectStore } from '../../../lambdas/aws/s3-object-store.ts';

const client = new S3Client({ region: 'eu-west-1' });
const s3 = mockClient(client);
/** The part of the SDK's streaming body the adapters use. */
const body = (bytes: Uint8Array) =>
  ({
    transformToByteArray: () => Promise.resolve(bytes),
  }) as unknown as GetObjectCommandOutput['Body'];

beforeEach(() => s3.reset());

describe('S3ObjectStore', () => {
  it('gets bytes, and undefined for a missing key', async () => {
    s3.on(GetObjectCommand, { Key: 'models/v1/manifest.json' }).resolves({
      Body: body(new Uint8Array([1, 2, 3])),
    });
    s3.on(GetObjectCommand, { Key: 'missing' }).rejects(
      new NoSuchKey({ message: 'no', $metadata: {} }),
    );
    const store = new S3ObjectStore(client, 'data');
    expect(await store.get('models/v1/manifest.json')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.get('missing')).toBeUndefined();
  });

  it('puts with the bucket, key and content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3ObjectStore(client, 'data').put(
      'a/b.json',
      new Uint8Array([7]),
      'application/json',
    );
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'data',
      Key: 'a/b.json',
      ContentType: 'application/json',
    });
  });

  it('lists every key under a prefix, following continuation tokens', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'datasets/incoming/' })
      .resolvesOnce({
        Contents: [{ Key: 'datasets/incoming/a.csv' }],
        IsTruncated: true,
        NextContinuationToken: 't1',
      })
      .resolvesOnce({ Contents: [{ Key: 'datasets/incoming/b.csv' }], IsTruncated: false });
    expect(await new S3ObjectStore(client, 'data').list('datasets/incoming/')).toEqual([
      'datasets/incoming/a.csv',
      'datasets/incoming/b.csv',
    ]);
    const calls = s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { Bucket: 'data', Prefix: 'datasets/incoming/' },
      { Bucket: 'data', Prefix: 'datasets/incoming/', ContinuationToken: 't1' },
    ]);
  });
});

describe('datasetDownload', () => {
  it('stages an s3:// archive by a server-side copy and reads the copy by ranges', async () => {
    s3.on(HeadObjectCommand, { Bucket: 'uploads', Key: 'in/my data.zip' }).resolves({
      ContentLength: 10,
    });
    s3.on(CopyObjectCommand).resolves({});
    s3.on(HeadObjectCommand, { Bucket: 'data', Key: 'datasets/raw/mine.zip' }).resolves({
      ContentLength: 10,
    });
    const stored = Uint8Array.from({ length: 10 }, (_, i) => i);
    s3.on(GetObjectCommand, { Bucket: 'data', Key: 'datasets/raw/mine.zip' }).callsFake(
      (input: { Range: string }) => {
        const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(input.Range)!.map(Number);
        return { Body: body(stored.slice(from, to! + 1)) };
      },
    );
    const archive = await datasetDownload(client, 'data').stage(
      's3://uploads/in/my data.zip',
      'datasets/raw/mine.zip',
    );
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'data',
      Key: 'datasets/raw/mine.zip',
      CopySource: 'uploads/in/my%20data.zip',
    });
    expect(archive.size).toBe(10);
    expect(await archive.read(3, 4)).toEqual(new Uint8Array([3, 4, 5, 6]));
    expect(await archive.read(8, 100)).toEqual(new Uint8Array([8, 9]));
  });

  it('streams an https:// download into the bucket, and names a failed download', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2 });
    const fetched: string[] = [];
    const fakeFetch = ((url: string) => {
      fetched.push(url);
      return Promise.resolve(
        url.endsWith('ok.zip')
          ? new Response(new Uint8Array([4, 2]), { headers: { 'content-length': '2' } })
          : url.endsWith('unsized.zip')
            ? new Response(new Uint8Array([4, 2]))
            : new Response('gone', { status: 404, statusText: 'Not Found' }),
      );
    }) as typeof fetch;
    const source = datasetDownload(client, 'data', fakeFetch);
    const archive = await source.stage('https://example.org/ok.zip', 'datasets/raw/ok.zip');
    expect(archive.size).toBe(2);
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'data',
      Key: 'datasets/raw/ok.zip',
      ContentLength: 2,
    });
    await expect(source.stage('https://example.org/x.zip', 'k')).rejects.toThrow(
      /HTTP 404 Not Found/,
    );
    await expect(source.stage('https://example.org/unsized.zip', 'k')).rejects.toThrow(
      /announces no size/,
    );
    await expect(source.stage('ftp://x/y.zip', 'k')).rejects.toThrow(/not https/);
    expect(fetched).toEqual([
      'https://example.org/ok.zip',
      'https://example.org/x.zip',
      'https://example.org/unsized.zip',
    ]);
  });
});
