import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignedFetch } from '../../../lambdas/aws/signed-fetch.ts';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token',
};
const NOW = new Date('2026-03-01T12:34:56Z');

/** SHA-256 and HMAC-SHA-256 from node:crypto in the shape the SDK's signer expects. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** What the SDK's own signer computes for the same request (content-type unsigned, as here). */
async function sdkAuthorization(
  service: string,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<string> {
  const signer = new SignatureV4({
    service,
    region: 'eu-west-1',
    credentials,
    sha256: NodeSha256,
    uriEscapePath: service !== 's3',
    // aws4fetch sends no payload-hash header to DynamoDB (optional there); S3's is in `headers`.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: {},
      headers: { host: url.host, ...headers },
      ...(body !== undefined && { body }),
    },
    { signingDate: NOW, unsignableHeaders: new Set(['content-type']) },
  );
  return String(signed.headers.authorization);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createSignedFetch', () => {
  const capture = () => {
    const sent: Request[] = [];
    return { sent, fetch: async (request: Request) => (sent.push(request), new Response('{}')) };
  };

  it('signs a DynamoDB JSON request exactly as the AWS SDK signer does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { sent, fetch } = capture();
    const signed = createSignedFetch({
      service: 'dynamodb',
      region: 'eu-west-1',
      credentials,
      fetch,
    });
    const body = '{"TableName":"Serving","Key":{"pk":{"S":"MODEL"},"sk":{"S":"CURRENT"}}}';
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    };
    await signed('https://dynamodb.eu-west-1.amazonaws.com/', { method: 'POST', headers, body });
    const request = sent[0]!;
    expect(request.headers.get('x-amz-date')).toBe('20260301T123456Z');
    expect(request.headers.get('x-amz-security-token')).toBe('session-token');
    expect(await request.text()).toBe(body);
    expect(request.headers.get('authorization')).toBe(
      await sdkAuthorization(
        'dynamodb',
        new URL(request.url),
        'POST',
        {
          ...headers,
          'x-amz-date': '20260301T123456Z',
          'x-amz-security-token': 'session-token',
        },
        body,
      ),
    );
  });

  it('signs an S3 GetObject (unsigned payload) exactly as the AWS SDK signer does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { sent, fetch } = capture();
    const signed = createSignedFetch({ service: 's3', region: 'eu-west-1', credentials, fetch });
    await signed('https://data.s3.eu-west-1.amazonaws.com/models/v1/manifest.json', {
      method: 'GET',
    });
    const request = sent[0]!;
    expect(request.headers.get('x-amz-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(request.headers.get('authorization')).toBe(
      await sdkAuthorization('s3', new URL(request.url), 'GET', {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'x-amz-date': '20260301T123456Z',
        'x-amz-security-token': 'session-token',
      }),
    );
  });

  it('turns a request that got no answer into a transient error naming the host', async () => {
    const signed = createSignedFetch({
      service: 'dynamodb',
      region: 'eu-west-1',
      credentials,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(
      signed('http://127.0.0.1:1/', { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({
      name: 'NetworkingError',
      transient: true,
      message: 'dynamodb request to 127.0.0.1:1 failed: fetch failed',
    });
  });
});
