import { describe, expect, it } from 'vitest';
import { servingKeys, TTL_ATTRIBUTE } from '../../../lambdas/app/serving/serving-keys.ts';
import { createInMemoryServingStore } from '../../../lambdas/local/in-memory-serving-store.ts';
import { InMemoryServingWriter } from '../../../lambdas/local/in-memory-serving-writer.ts';

async function table(): Promise<InMemoryServingWriter> {
  const writer = new InMemoryServingWriter();
  const movie = (movieId: number, title: string) => ({
    ...servingKeys.movie(movieId),
    movieId,
    title,
  });
  await writer.batchPut([
    { ...servingKeys.currentModel(), version: 'v2', publishedAt: 'then', metrics: {} },
    { ...servingKeys.modelVersion('v1'), version: 'v1', createdAt: 'a', metrics: {} },
    { ...servingKeys.modelVersion('v2'), version: 'v2', createdAt: 'b', metrics: {} },
    movie(1, 'Toy Story'),
    movie(2, 'Heat'),
    {
      ...servingKeys.userRecommendations(7, 'v1'),
      userId: 7,
      version: 'v1',
      items: [],
      [TTL_ATTRIBUTE]: 123,
    },
  ]);
  return writer;
}

describe('createInMemoryServingStore', () => {
  it('returns records without the keys and the TTL attribute, as the DynamoDB adapter does', async () => {
    const store = createInMemoryServingStore(await table());
    expect(await store.getCurrentModel()).toEqual({
      version: 'v2',
      publishedAt: 'then',
      metrics: {},
    });
    expect(await store.getUserRecommendations(7, 'v1')).toEqual({
      userId: 7,
      version: 'v1',
      items: [],
    });
    expect(await store.getUserRecommendations(7, 'v2')).toBeUndefined();
  });

  it('finds the movies that exist among the ids asked for', async () => {
    const store = createInMemoryServingStore(await table());
    const movies = await store.getMovies([2, 3, 2, 1]);
    expect([...movies.keys()].sort()).toEqual([1, 2]);
    expect(movies.get(2)).toEqual({ movieId: 2, title: 'Heat' });
  });

  it('lists the registry newest first, without the pointer', async () => {
    const store = createInMemoryServingStore(await table());
    expect((await store.listModelVersions()).map((v) => v.version)).toEqual(['v2', 'v1']);
  });
});
