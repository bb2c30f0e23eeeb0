import { describe, expect, it } from 'vitest';
import type { LocalHttpRequest } from '../../../../lambdas/local/stack/function-url-event.ts';
import {
  CONTENT_SHA256_HEADER,
  payloadSha256,
  refuseUnsignedPayload,
  signedForFunctionUrl,
} from '../../../../lambdas/local/stack/origin-access-control.ts';

const BODY = '{"rating":4.5}';
/** The hash of another body: a client that hashed the wrong bytes. */
const OTHER_SHA256 = payloadSha256('{"rating":1}');

function request(overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: 'PUT',
    url: '/api/profiles/p/ratings/1',
    rawHeaders: ['Content-Type', 'application/json'],
    body: Buffer.from(BODY),
    sourceIp: '127.0.0.1',
    ...overrides,
  };
}

function errorOf(response: ReturnType<typeof refuseUnsignedPayload>) {
  expect(response?.statusCode).toBe(403);
  return (JSON.parse(response!.body.toString()) as { error: { code: string; message: string } })
    .error;
}

describe('payloadSha256', () => {
  it('is the lower-case hex SHA-256 of the bytes', () => {
    expect(payloadSha256('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(payloadSha256(BODY)).toMatch(/^[0-9a-f]{64}$/);
    expect(payloadSha256(Buffer.from(BODY))).toBe(payloadSha256(BODY));
  });
});

describe('refuseUnsignedPayload', () => {
  const hash = payloadSha256(BODY);

  it('lets a POST or PUT through with the hash of its body, in any case', () => {
    for (const method of ['PUT', 'post']) {
      const sent = request({ method, rawHeaders: [CONTENT_SHA256_HEADER, hash] });
      expect(refuseUnsignedPayload(sent)).toBeUndefined();
    }
    const upper = request({ rawHeaders: ['X-Amz-Content-Sha256', hash.toUpperCase()] });
    expect(refuseUnsignedPayload(upper)).toBeUndefined();
  });

  it('refuses a POST or PUT without the header with 403 naming it, empty bodies too', () => {
    const missing = errorOf(refuseUnsignedPayload(request()));
    expect(missing.code).toBe('missing_content_sha256');
    expect(missing.message).toContain(CONTENT_SHA256_HEADER);
    const empty = request({ method: 'POST', url: '/api/profiles', body: Buffer.alloc(0) });
    expect(errorOf(refuseUnsignedPayload(empty)).code).toBe('missing_content_sha256');
    const signedEmpty = { ...empty, rawHeaders: [CONTENT_SHA256_HEADER, payloadSha256('')] };
    expect(refuseUnsignedPayload(signedEmpty)).toBeUndefined();
  });

  it('refuses a hash that is not the body’s, saying which one it should be', () => {
    const wrong = errorOf(
      refuseUnsignedPayload(request({ rawHeaders: [CONTENT_SHA256_HEADER, OTHER_SHA256] })),
    );
    expect(wrong.code).toBe('content_sha256_mismatch');
    expect(wrong.message).toContain(hash);
    const twice = request({
      rawHeaders: [CONTENT_SHA256_HEADER, hash, CONTENT_SHA256_HEADER, hash],
    });
    expect(errorOf(refuseUnsignedPayload(twice)).code).toBe('content_sha256_mismatch');
  });

  it('leaves methods without a signed body alone', () => {
    for (const method of ['GET', 'HEAD', 'DELETE', 'OPTIONS']) {
      expect(refuseUnsignedPayload(request({ method, body: Buffer.alloc(0) }))).toBeUndefined();
    }
  });
});

describe('signedForFunctionUrl', () => {
  it("overwrites the viewer's Authorization and Host, keeping every other header", () => {
    const signed = signedForFunctionUrl(
      request({
        rawHeaders: [
          'Host',
          'localhost:3000',
          'Authorization',
          'Bearer abc',
          'X-Viewer-Authorization',
          'Bearer abc',
        ],
      }),
      'abc.lambda-url.us-east-1.on.aws',
      new Date('2026-12-02T07:00:00.000Z'),
    );
    const headers = Object.fromEntries(
      signed.rawHeaders.flatMap((v, i, all) =>
        i % 2 === 0 ? [[v.toLowerCase(), all[i + 1]]] : [],
      ),
    );
    expect(headers.host).toBe('abc.lambda-url.us-east-1.on.aws');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=\w+\/20261202\/us-east-1\/lambda\/aws4_request, /,
    );
    expect(headers['x-amz-date']).toBe('20261202T070000Z');
    expect(headers['x-viewer-authorization']).toBe('Bearer abc');
    expect(signed.rawHeaders.filter((v) => v.toLowerCase() === 'authorization')).toHaveLength(1);
  });
});
