import { describe, expect, it } from 'vitest';
import {
  fromFunctionUrlResult,
  isTextContentType,
  MAX_RESPONSE_BYTES,
  toFunctionUrlEvent,
} from '../../../../lambdas/local/stack/function-url-event.ts';
import type { LocalHttpRequest } from '../../../../lambdas/local/stack/function-url-event.ts';

const url = {
  urlId: 'abc123',
  accountId: '000000000000',
  domainName: 'abc123.lambda-url.us-east-1.on.aws',
};

function request(overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: 'GET',
    url: '/api/movies',
    rawHeaders: ['Host', 'localhost:3000'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    ...overrides,
  };
}

describe('toFunctionUrlEvent', () => {
  const at = new Date('2026-11-21T21:30:36.123Z');

  it('builds a payload-format-2.0 event as a function URL does', () => {
    const event = toFunctionUrlEvent(
      request({
        url: '/api/movies?query=toy%20story&genre=Comedy&genre=Drama&empty=',
        rawHeaders: [
          'Host',
          'localhost:3000',
          'User-Agent',
          'curl/8',
          'X-Multi',
          'a',
          'x-multi',
          'b',
          'Cookie',
          'a=1; b=2',
        ],
      }),
      url,
      at,
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/movies',
      rawQueryString: 'query=toy%20story&genre=Comedy&genre=Drama&empty=',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { query: 'toy story', genre: 'Comedy,Drama', empty: '' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'abc123',
        domainName: url.domainName,
        domainPrefix: 'abc123',
        http: {
          method: 'GET',
          path: '/api/movies',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8',
        },
        routeKey: '$default',
        stage: '$default',
        time: '21/Nov/2026:21:30:36 +0000',
        timeEpoch: at.getTime(),
      },
    });
    expect(event.headers).toEqual({
      host: 'localhost:3000',
      'user-agent': 'curl/8',
      'x-multi': 'a,b',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    });
    expect(event.body).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('omits empty query and cookies', () => {
    const event = toFunctionUrlEvent(request({ url: '/api/movies/12' }), url);
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('passes a JSON body as text and a binary body as base64', () => {
    const json = toFunctionUrlEvent(
      request({
        method: 'post',
        rawHeaders: ['Content-Type', 'application/json; charset=utf-8'],
        body: Buffer.from('{"ratings":[]}'),
      }),
      url,
    );
    expect(json).toMatchObject({ body: '{"ratings":[]}', isBase64Encoded: false });
    expect(json.requestContext.http.method).toBe('POST');
    expect(json.headers['content-length']).toBe('14');

    const bytes = Buffer.from([0, 255, 1, 2]);
    const binary = toFunctionUrlEvent(
      request({ method: 'POST', rawHeaders: ['Content-Type', 'image/png'], body: bytes }),
      url,
    );
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body!, 'base64')).toEqual(bytes);
  });

  it('knows which content types a function URL treats as text', () => {
    expect(isTextContentType('text/csv')).toBe(true);
    expect(isTextContentType('application/problem+json')).toBe(true);
    expect(isTextContentType('application/octet-stream')).toBe(false);
    expect(isTextContentType(undefined)).toBe(false);
  });
});

describe('fromFunctionUrlResult', () => {
  it('returns a structured result as given, cookies as Set-Cookie headers', () => {
    const response = fromFunctionUrlResult({
      statusCode: 404,
      headers: { 'Content-Type': 'application/json', 'x-n': 3 },
      cookies: ['a=1', 'b=2; Secure'],
      body: '{"error":{"code":"not_found","message":"x"}}',
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual([
      ['content-type', 'application/json'],
      ['x-n', '3'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2; Secure'],
    ]);
    expect(response.body.toString()).toBe('{"error":{"code":"not_found","message":"x"}}');
  });

  it('decodes a base64 body', () => {
    const response = fromFunctionUrlResult({
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  it('infers a 200 JSON response from a result without statusCode', () => {
    const object = fromFunctionUrlResult({ hello: 'world' });
    expect(object.statusCode).toBe(200);
    expect(object.headers).toEqual([['content-type', 'application/json']]);
    expect(object.body.toString()).toBe('{"hello":"world"}');
    expect(fromFunctionUrlResult('plain').body.toString()).toBe('plain');
  });

  it('answers 500 for an invalid status or an oversized body', () => {
    expect(fromFunctionUrlResult({ statusCode: 'teapot' }).statusCode).toBe(500);
    const big = fromFunctionUrlResult({
      statusCode: 200,
      body: 'x'.repeat(MAX_RESPONSE_BYTES + 1),
    });
    expect(big.statusCode).toBe(500);
    expect(big.body.toString()).toBe('{"message":"Internal Server Error"}');
  });
});
