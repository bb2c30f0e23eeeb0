import { describe, expect, it } from 'vitest';
import {
  fromHttpApiResult,
  isTextContentType,
  matchRoute,
  MAX_RESPONSE_BYTES,
  toHttpApiEvent,
} from '../../../../lambdas/local/stack/http-api-event.ts';
import type { LocalHttpRequest } from '../../../../lambdas/local/stack/http-api-event.ts';

const routes = [
  { routeKey: 'GET /movies' },
  { routeKey: 'GET /movies/{id}' },
  { routeKey: 'GET /movies/{id}/similar' },
  { routeKey: 'GET /users/{id}/predictions/{movieId}' },
  { routeKey: 'ANY /movies/top' },
  { routeKey: 'GET /files/{proxy+}' },
  { routeKey: '$default' },
];

const api = {
  apiId: 'abc123',
  accountId: '000000000000',
  domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
  stage: '$default',
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

describe('matchRoute', () => {
  it('binds path parameters from the route template, decoded', () => {
    expect(matchRoute(routes, 'GET', '/users/7/predictions/a%20b')).toEqual({
      route: { routeKey: 'GET /users/{id}/predictions/{movieId}' },
      pathParameters: { id: '7', movieId: 'a b' },
    });
  });

  it('prefers the most specific path, then an exact method over ANY', () => {
    expect(matchRoute(routes, 'GET', '/movies/top')?.route.routeKey).toBe('ANY /movies/top');
    expect(matchRoute(routes, 'GET', '/movies/12')?.route.routeKey).toBe('GET /movies/{id}');
    const both = [{ routeKey: 'ANY /movies' }, { routeKey: 'GET /movies' }];
    expect(matchRoute(both, 'GET', '/movies')?.route.routeKey).toBe('GET /movies');
    expect(matchRoute(both, 'POST', '/movies')?.route.routeKey).toBe('ANY /movies');
    expect(matchRoute(routes, 'GET', '/movies')?.route.routeKey).toBe('GET /movies');
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(matchRoute(routes, 'GET', '/files/a/b/c.txt')?.pathParameters).toEqual({
      proxy: 'a/b/c.txt',
    });
  });

  it('falls back to $default, as the /api/* paths CloudFront forwards do', () => {
    const match = matchRoute(routes, 'GET', '/api/movies/1');
    expect(match).toEqual({ route: { routeKey: '$default' } });
    expect(matchRoute(routes, 'DELETE', '/movies')?.route.routeKey).toBe('$default');
  });

  it('finds nothing without $default when no route matches', () => {
    expect(matchRoute(routes.slice(0, 2), 'GET', '/nope')).toBeUndefined();
    expect(matchRoute(routes.slice(0, 2), 'GET', '/movies/')).toBeUndefined();
  });
});

describe('toHttpApiEvent', () => {
  const at = new Date('2026-11-21T21:30:36.123Z');

  it('builds a payload-format-2.0 event as API Gateway does', () => {
    const event = toHttpApiEvent(
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
      { route: { routeKey: '$default' } },
      api,
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
        domainName: api.domainName,
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

  it('carries path parameters and omits empty query and cookies', () => {
    const event = toHttpApiEvent(
      request({ url: '/movies/12' }),
      { route: { routeKey: 'GET /movies/{id}' }, pathParameters: { id: '12' } },
      api,
    );
    expect(event.pathParameters).toEqual({ id: '12' });
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('passes a JSON body as text and a binary body as base64', () => {
    const json = toHttpApiEvent(
      request({
        method: 'post',
        rawHeaders: ['Content-Type', 'application/json; charset=utf-8'],
        body: Buffer.from('{"ratings":[]}'),
      }),
      { route: { routeKey: '$default' } },
      api,
    );
    expect(json).toMatchObject({ body: '{"ratings":[]}', isBase64Encoded: false });
    expect(json.requestContext.http.method).toBe('POST');
    expect(json.headers['content-length']).toBe('14');

    const bytes = Buffer.from([0, 255, 1, 2]);
    const binary = toHttpApiEvent(
      request({ method: 'POST', rawHeaders: ['Content-Type', 'image/png'], body: bytes }),
      { route: { routeKey: '$default' } },
      api,
    );
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body!, 'base64')).toEqual(bytes);
  });

  it('knows which content types API Gateway treats as text', () => {
    expect(isTextContentType('text/csv')).toBe(true);
    expect(isTextContentType('application/problem+json')).toBe(true);
    expect(isTextContentType('application/octet-stream')).toBe(false);
    expect(isTextContentType(undefined)).toBe(false);
  });
});

describe('fromHttpApiResult', () => {
  it('returns a structured result as given, cookies as Set-Cookie headers', () => {
    const response = fromHttpApiResult({
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
    const response = fromHttpApiResult({
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  it('infers a 200 JSON response from a result without statusCode', () => {
    const object = fromHttpApiResult({ hello: 'world' });
    expect(object.statusCode).toBe(200);
    expect(object.headers).toEqual([['content-type', 'application/json']]);
    expect(object.body.toString()).toBe('{"hello":"world"}');
    expect(fromHttpApiResult('plain').body.toString()).toBe('plain');
  });

  it("answers API Gateway's 500 for an invalid status or an oversized body", () => {
    expect(fromHttpApiResult({ statusCode: 'teapot' }).statusCode).toBe(500);
    const big = fromHttpApiResult({ statusCode: 200, body: 'x'.repeat(MAX_RESPONSE_BYTES + 1) });
    expect(big.statusCode).toBe(500);
    expect(big.body.toString()).toBe('{"message":"Internal Server Error"}');
  });
});
