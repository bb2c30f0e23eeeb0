import { describe, expect, it } from 'vitest';
import { payloadSha256 } from '../../lambdas/local/stack/origin-access-control.ts';
import { call, expectError, get, postJson } from './api-client.ts';

/**
 * Bad input through HTTP: each gets its 4xx and the body `{"error":{"code","message"}}`, never
 * a 5xx, a stack trace or another body. The one exception is origin access control's 403 for
 * a body without its hash, which Lambda answers before the API runs.
 */
describe('bad ids', () => {
  it.each([
    '/movies/abc',
    '/movies/-1',
    '/movies/0',
    '/movies/1.5',
    '/movies/99999999999999999999',
    '/movies/abc/similar',
    '/users/abc/recommendations',
    '/users/-5/recommendations',
    '/users/1/predictions/abc',
    '/users/1e3x/predictions/1',
  ])('%s → 400 naming the path parameter', async (path) => {
    const answer = await get(path);
    expectError(answer, 400, 'validation_failed');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/^path\./);
  });

  it('malformed percent-encoding → 400', async () => {
    expectError(await get('/movies/%E0%A4%A'), 400, 'validation_failed');
  });

  it.each(['/movies/999999', '/movies/999999/similar', '/users/1/predictions/999999'])(
    'an unknown movie %s → 404',
    async (path) => {
      expectError(await get(path), 404, 'unknown_movie');
    },
  );
});

describe('query strings', () => {
  it.each([
    '/movies?query=toy&limit=0',
    '/movies?query=toy&limit=101',
    '/movies?query=toy&limit=ten',
    '/movies/1/similar?limit=1000',
    '/popular?limit=-1',
    '/users/1/recommendations?limit=0',
    `/movies?query=${'x'.repeat(201)}`,
    `/popular?genre=${'x'.repeat(41)}`,
    '/movies?query=toy&colour=red',
  ])('%s → 400 naming the query field', async (path) => {
    const answer = await get(path);
    expectError(answer, 400, 'validation_failed');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/query/);
  });

  it('an unknown genre → 404', async () => {
    expectError(await get('/popular?genre=Spaghetti%20Western'), 404, 'unknown_genre');
  });
});

describe('routes and methods', () => {
  it.each(['/nope', '/movies/1/nope', '/users/1', '/users/1/recommendations/extra'])(
    'unknown route %s → 404',
    async (path) => {
      expectError(await get(path), 404, 'route_not_found');
    },
  );

  it.each([
    ['DELETE', '/movies/1', 'GET'],
    ['POST', '/health', 'GET'],
    ['PUT', '/users/1/recommendations', 'GET'],
    ['GET', '/recommendations', 'POST'],
  ])('%s %s → 405 allowing %s', async (method, path, allowed) => {
    const answer = await call(method, path);
    expectError(answer, 405, 'method_not_allowed');
    expect(answer.headers.get('allow')).toBe(allowed);
  });
});

describe('POST /recommendations bodies', () => {
  const post = (body: string, contentType = 'application/json') =>
    call('POST', '/recommendations', { body, headers: { 'content-type': contentType } });

  it('invalid JSON → 400 invalid_json', async () => {
    expectError(await post('{"ratings": [{"movieId": 1,}]'), 400, 'invalid_json');
  });

  it('an empty body → 400 invalid_json', async () => {
    expectError(await post(''), 400, 'invalid_json');
  });

  // Origin access control signs the body hash the caller sends and computes none: Lambda
  // refuses a body without it, or with another body's (docs/api.md). Only the status is
  // asserted: a deployment answers with Lambda's own body.
  it('no x-amz-content-sha256 → 403 before the function runs', async () => {
    const body = JSON.stringify({ ratings: [{ movieId: 1 }] });
    const answer = await call('POST', '/recommendations', {
      body,
      headers: { 'content-type': 'application/json' },
      contentSha256: null,
    });
    expect(answer.status, answer.text).toBe(403);
  });

  it('the hash of another body → 403', async () => {
    const answer = await call('POST', '/recommendations', {
      body: JSON.stringify({ ratings: [{ movieId: 1 }] }),
      headers: { 'content-type': 'application/json' },
      contentSha256: payloadSha256(JSON.stringify({ ratings: [{ movieId: 2 }] })),
    });
    expect(answer.status, answer.text).toBe(403);
  });

  it('a body that is not JSON by its content type → 415', async () => {
    expectError(await post('ratings=1', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('an oversized body → 413', async () => {
    const ratings = Array.from({ length: 50 }, () => ({ title: 'x'.repeat(200), rating: 5 }));
    const body = JSON.stringify({ ratings, padding: 'y'.repeat(20_000) });
    expectError(await post(body), 413, 'payload_too_large');
  });

  it.each([
    ['no ratings', {}],
    ['an empty list', { ratings: [] }],
    ['51 ratings', { ratings: Array.from({ length: 51 }, (_, i) => ({ movieId: i + 1 })) }],
    ['both movieId and title', { ratings: [{ movieId: 1, title: 'Toy Story' }] }],
    ['neither movieId nor title', { ratings: [{ rating: 4 }] }],
    ['a rating that is not a number', { ratings: [{ movieId: 1, rating: 'five' }] }],
    ['a limit out of range', { ratings: [{ movieId: 1 }], limit: 500 }],
    ['an unknown field', { ratings: [{ movieId: 1 }], user: 1 }],
    ['an array', [{ movieId: 1 }]],
  ])('%s → 400 naming the body field', async (_, body) => {
    const answer = await postJson('/recommendations', body);
    expectError(answer, 400, 'validation_failed');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/^body/);
  });

  it.each([
    ['an unknown movie id', { movieId: 999999 }, 'unknown_movie'],
    ['a title matching nothing', { title: 'qqqqqqqqqqzzzzzzzz' }, 'unknown_title'],
    ['a rating off the scale', { movieId: 1, rating: 9 }, 'rating_out_of_scale'],
  ])('%s → 400 %s', async (_, rating, code) => {
    const answer = await postJson('/recommendations', { ratings: [{ movieId: 2 }, rating] });
    expectError(answer, 400, code);
    expect((answer.json as { error: { message: string } }).error.message).toMatch(
      /^body\.ratings\.1\./,
    );
  });
});
