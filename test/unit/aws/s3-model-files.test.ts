import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3ModelFiles } from '../../../lambdas/aws/s3-model-files.ts';

const s3 = mockClient(S3Client);
const files = () =>
  createS3ModelFiles({
    client: () => new S3Client({ region: 'eu-west-1' }),
    bucketName: 'data',
    retry: { sleep: async () => {} },
  });

beforeEach(() => s3.reset());

describe('createS3ModelFiles', () => {
  it('reads models/<version>/<file> from the bucket', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    s3.on(GetObjectCommand, { Bucket: 'data', Key: 'models/v1/ranking.b.f32' }).resolves({
      Body: { transformToByteArray: async () => bytes } as never,
    });
    expect(await files().read('v1', 'ranking.b.f32')).toEqual(bytes);
  });

  it('answers undefined for a missing object and throws other errors', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'missing', $metadata: {} }));
    expect(await files().read('v1', 'manifest.json')).toBeUndefined();
    s3.reset();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(files().read('v1', 'manifest.json')).rejects.toThrow('denied');
  });
});
