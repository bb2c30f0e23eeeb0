import { beforeEach, describe, expect, it } from 'vitest';
import { createS3ModelFiles } from '../../../lambdas/aws/s3-model-files.ts';
import { createS3ObjectReader } from '../../../lambdas/aws/s3-object-reader.ts';
import { awsEnvironment } from '../../../lambdas/aws/aws-environment.ts';
import { createSignedSend } from '../../../lambdas/aws/signed-send.ts';
import type { FakeAws } from './fake-aws.ts';
import { createFakeAws, s3ErrorBody } from './fake-aws.ts';

let aws: FakeAws;
const env = awsEnvironment({
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDTEST',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session-token',
});
const files = () =>
  createS3ModelFiles({
    objects: createS3ObjectReader({
      bucket: 'data',
      objectUrl: env.s3ObjectUrl,
      send: createSignedSend({
        service: 's3',
        region: env.region,
        credentials: env.credentials,
        send: aws.send,
      }),
    }),
    retry: { sleep: async () => {} },
  });
const gets = () => aws.requests.filter((r) => r.operation === 'GetObject');

beforeEach(() => {
  aws = createFakeAws();
});

describe('createS3ModelFiles over signed HTTP', () => {
  it('reads models/<version>/<file> from the bucket, virtual-hosted and signed', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    aws.objects.set('data/models/v1/ranking.b.f32', bytes);
    expect(await files().read('v1', 'ranking.b.f32')).toEqual(bytes);
    const [request] = gets();
    expect(request?.url).toBe('https://data.s3.eu-west-1.amazonaws.com/models/v1/ranking.b.f32');
    expect(request?.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(request?.headers['x-amz-security-token']).toBe('session-token');
    expect(request?.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, /,
    );
  });

  it('answers undefined for NoSuchKey and throws other errors without retrying them', async () => {
    expect(await files().read('v1', 'manifest.json')).toBeUndefined();
    aws.failNext('GetObject', s3ErrorBody(403, 'AccessDenied', 'Access Denied'));
    await expect(files().read('v1', 'manifest.json')).rejects.toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: expect.stringContaining('s3://data/models/v1/manifest.json'),
    });
    aws.failNext('GetObject', s3ErrorBody(404, 'NoSuchBucket', 'The bucket does not exist'));
    await expect(files().read('v1', 'manifest.json')).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    expect(gets()).toHaveLength(3);
  });

  it('retries SlowDown and 5xx, then reads', async () => {
    aws.objects.set('data/models/v1/manifest.json', new TextEncoder().encode('{}'));
    aws.failNext('GetObject', s3ErrorBody(503, 'SlowDown', 'Please reduce your request rate.'));
    aws.failNext(
      'GetObject',
      s3ErrorBody(500, 'InternalError', 'We encountered an internal error.'),
    );
    expect(new TextDecoder().decode(await files().read('v1', 'manifest.json'))).toBe('{}');
    expect(gets()).toHaveLength(3);
  });

  it('retries a request that got no answer (connection reset)', async () => {
    aws.objects.set('data/models/v1/a.f32', new Uint8Array([9]));
    let failed = false;
    const flaky = aws.send;
    aws.send = async (request) => {
      if (!failed) {
        failed = true;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return flaky(request);
    };
    expect(await files().read('v1', 'a.f32')).toEqual(new Uint8Array([9]));
  });
});
