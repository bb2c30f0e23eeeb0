import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { modelVersionFromDecoded } from '../../app/model-version.ts';
import { writeModelVersionFiles } from '../../app/pipeline/model-version-files.ts';
import { publishCatalogue } from '../../app/pipeline/publish-catalogue.ts';
import { publishVersion } from '../../app/pipeline/publish-version.ts';
import { scoreShard } from '../../app/pipeline/score-shard.ts';
import { modelObjectKeys } from '../../app/serving/serving-artifacts.ts';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import { createServingContext } from '../../app/serving/serving-context.ts';
import type { ModelFiles } from '../../app/serving/serving-model.ts';
import { trainModelVersion } from '../../app/train-model-version.ts';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import { decodeModelVersion } from '../../core/model-codec/model-version.ts';
import { createRouter } from '../../handlers/api/router.ts';
import { apiRoutes } from '../../handlers/api/routes.ts';
import { InMemoryObjectStore } from '../in-memory-object-store.ts';
import { createInMemoryServingStore } from '../in-memory-serving-store.ts';
import { InMemoryServingWriter } from '../in-memory-serving-writer.ts';
import type { LatencySummary } from './percentiles.ts';
import { summariseLatency } from './percentiles.ts';

export const RECOMMENDATIONS_ROUTE = '/users/{id}/recommendations';

export interface HandlerCompute extends LatencySummary {
  route: string;
  /** Users whose precomputed lists the requests cycle through. */
  users: number;
  /** Movies per response (the route's default limit). */
  movies: number;
  /** Mean response body size. */
  bodyBytes: number;
}

/** A warm GET as the function URL sends it to the function (payload format 2.0). */
export function apiGetEvent(path: string, query?: Record<string, string>): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    headers: { accept: 'application/json', host: 'api.example.com', 'user-agent': 'bench' },
    ...(query !== undefined && { queryStringParameters: query }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'bench',
      },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1_767_225_600_000,
    },
    isBase64Encoded: false,
  };
}

/**
 * The API's per-request compute for precomputed recommendations: a seeded synthetic dataset is
 * trained and run through the pipeline's own score-shard, catalogue and publish use-cases into an
 * in-memory table; then GET /users/{id}/recommendations goes through the API's router, route
 * table and use-case over that table (the handler minus the DynamoDB round trips and the
 * Powertools log and metric middleware), warm, cycling through every user.
 */
export async function measureRecommendationsCompute(
  options: { iterations?: number; warmup?: number; seed?: number } = {},
): Promise<HandlerCompute> {
  const iterations = options.iterations ?? 10_000;
  const seed = options.seed ?? 42;
  const { context, userIds } = await publishedTable(seed);
  const route = createRouter({
    routes: apiRoutes,
    context: () => context,
    allowedOrigins: [],
    allowLocalhost: false,
  });
  const events = userIds.map((userId) => apiGetEvent(`/users/${userId}/recommendations`));
  let movies = 0;
  let bodyBytes = 0;
  const once = async (i: number): Promise<number> => {
    const event = events[i % events.length]!;
    const start = performance.now();
    const response = await route(event);
    const elapsed = performance.now() - start;
    const body = String(response.body);
    if (response.statusCode !== 200) {
      throw new Error(`${event.rawPath} answered ${response.statusCode}: ${body}`);
    }
    bodyBytes += body.length;
    if (i === 0) movies = (JSON.parse(body) as { movies: unknown[] }).movies.length;
    return elapsed;
  };
  for (let i = 0; i < (options.warmup ?? 500); i++) await once(i);
  bodyBytes = 0;
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) times[i] = await once(i);
  return {
    route: RECOMMENDATIONS_ROUTE,
    users: userIds.length,
    movies,
    bodyBytes: bodyBytes / iterations,
    ...summariseLatency(times),
  };
}

/** A small trained version published by the pipeline use-cases into in-memory stores. */
async function publishedTable(
  seed: number,
): Promise<{ context: ServingContext; userIds: number[] }> {
  const dataset = generateSyntheticDataset({ users: 200, items: 1000, ratings: 12_000, seed });
  const version = 'v20260101T000000Z';
  const trained = await trainModelVersion(dataset, {
    version,
    createdAt: '2026-01-01T00:00:00.000Z',
    seed,
    now: () => performance.now() / 1000,
    // The table's shape, not the model's quality, sets the request cost: train once.
    refit: false,
  });
  const store = new InMemoryObjectStore();
  await writeModelVersionFiles(store, version, trained.files);
  const model = modelVersionFromDecoded(decodeModelVersion(trained.files));
  const serving = new InMemoryServingWriter();
  const write = { sleep: () => Promise.resolve() };
  const users = dataset.userIds.length;
  await scoreShard(
    { version, shard: 0, first: 0, count: users },
    {
      loadVersion: () => Promise.resolve(model),
      loadProfileUsers: () => Promise.resolve(new Map()),
      serving,
      write,
    },
  );
  await publishCatalogue({ version }, { model, dataset, store, serving, write });
  await publishVersion(
    { version, expectedLiveVersion: null },
    { store, serving, now: () => new Date('2026-01-01T01:00:00Z') },
  );
  const files: ModelFiles = { read: (v, name) => store.get(modelObjectKeys.file(v, name)) };
  const context: ServingContext = createServingContext(createInMemoryServingStore(serving), files);
  return { context, userIds: Array.from(dataset.userIds) };
}
