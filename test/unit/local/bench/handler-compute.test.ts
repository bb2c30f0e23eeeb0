import { describe, expect, it } from 'vitest';
import {
  apiGetEvent,
  measureRecommendationsCompute,
} from '../../../../lambdas/local/bench/handler-compute.ts';

describe('apiGetEvent', () => {
  it('is a function URL payload v2 GET with the path and query', () => {
    const event = apiGetEvent('/users/7/recommendations', { limit: '5' });
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/users/7/recommendations');
    expect(event.rawQueryString).toBe('limit=5');
    expect(event.queryStringParameters).toEqual({ limit: '5' });
    expect(event.requestContext.http.method).toBe('GET');
  });
});

describe('measureRecommendationsCompute', () => {
  it('serves every user the precomputed list the pipeline wrote, through the router', async () => {
    const compute = await measureRecommendationsCompute({ iterations: 50, warmup: 1 });
    expect(compute.route).toBe('/users/{id}/recommendations');
    expect(compute.users).toBe(200);
    // The route's default limit; a non-200 answer would have thrown.
    expect(compute.movies).toBe(10);
    expect(compute.bodyBytes).toBeGreaterThan(500);
    expect(compute.runs).toBe(50);
    expect(compute.p99Ms).toBeGreaterThanOrEqual(compute.p50Ms);
  });
});
