import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../../lambdas/aws/http-send.ts';
import { createSignedSend } from '../../../lambdas/aws/signed-send.ts';

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

/** What the SDK's own signer computes for the request as sent (every header but its own). */
async function sdkAuthorization(service: string, request: HttpRequest): Promise<string> {
  const url = new URL(request.url);
  const { authorization: _, ...headers } = request.headers;
  const signer = new SignatureV4({
    service,
    region: 'eu-west-1',
    credentials,
    sha256: NodeSha256,
    uriEscapePath: service !== 's3',
    // No payload-hash header is sent to DynamoDB (optional there); S3's is in `headers`.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: {},
      headers,
      ...(request.body !== undefined && { body: request.body }),
    },
    { signingDate: NOW },
  );
  return String(signed.headers.authorization);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createSignedSend', () => {
  const capture = () => {
    const sent: HttpRequest[] = [];
    const send = async (request: HttpRequest) => {
      sent.push(request);
      return { status: 200, body: Buffer.from('{}') };
    };
    return { sent, send };
  };

  it('signs a DynamoDB JSON request exactly as the AWS SDK signer does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { sent, send } = capture();
    const signed = createSignedSend({
      service: 'dynamodb',
      region: 'eu-west-1',
      credentials,
      send,
    });
    const body = '{"TableName":"Serving","Key":{"pk":{"S":"MODEL"},"sk":{"S":"CURRENT"}}}';
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    };
    await signed('https://dynamodb.eu-west-1.amazonaws.com/', { method: 'POST', headers, body });
    const request = sent[0]!;
    expect(request.headers).toMatchObject({
      ...headers,
      host: 'dynamodb.eu-west-1.amazonaws.com',
      'x-amz-date': '20260301T123456Z',
      'x-amz-security-token': 'session-token',
    });
    expect(request.body).toBe(body);
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260301\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.authorization).toBe(await sdkAuthorization('dynamodb', request));
  });

  it('signs an S3 GetObject (unsigned payload) exactly as the AWS SDK signer does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { sent, send } = capture();
    const signed = createSignedSend({ service: 's3', region: 'eu-west-1', credentials, send });
    await signed('https://data.s3.eu-west-1.amazonaws.com/models/v1/manifest.json', {
      method: 'GET',
    });
    const request = sent[0]!;
    expect(request.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(request.body).toBeUndefined();
    expect(request.headers.authorization).toBe(await sdkAuthorization('s3', request));
  });

  it('turns a request that got no answer into a transient error naming the host', async () => {
    const signed = createSignedSend({
      service: 'dynamodb',
      region: 'eu-west-1',
      credentials,
      send: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
    });
    await expect(
      signed('http://127.0.0.1:1/', { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({
      name: 'NetworkingError',
      transient: true,
      message: 'dynamodb request to 127.0.0.1:1 failed: connect ECONNREFUSED 127.0.0.1:1',
    });
  });
});
