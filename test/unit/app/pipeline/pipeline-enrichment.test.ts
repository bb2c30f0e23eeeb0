import { describe, expect, it } from 'vitest';
import type { TmdbSource } from '../../../../lambdas/app/pipeline/tmdb-source.ts';
import { servingKeys } from '../../../../lambdas/app/serving/serving-keys.ts';
import type { MovieRecord } from '../../../../lambdas/app/serving/serving-records.ts';
import { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import { InMemoryServingWriter } from '../../../../lambdas/local/in-memory-serving-writer.ts';
import { TMDB_MOVIES } from '../../../fixtures/fake-tmdb-movies.ts';
import { runPipeline } from './pipeline-fixture.ts';

/**
 * The tiny dataset's movies 1–12 have TMDB ids 101–112: TMDB here knows 101 (with Toy Story's
 * record under that id) and 107 (Heat's), answering nothing for the rest, as a 404.
 */
function tmdbKnowing(): TmdbSource & { asked: number[] } {
  const known: Record<number, unknown> = {
    101: { ...(TMDB_MOVIES[862] as object), id: 101 },
    107: { ...(TMDB_MOVIES[949] as object), id: 107 },
  };
  const asked: number[] = [];
  return {
    asked,
    movie: (tmdbId) => {
      asked.push(tmdbId);
      return Promise.resolve(known[tmdbId]);
    },
  };
}

describe('the pipeline with TMDB enrichment', () => {
  it("writes the movies' TMDB details and reviews into their META items", async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    const tmdb = tmdbKnowing();
    const run = await runPipeline(store, serving, '2026-01-01T00:00:00Z', { tmdb });
    expect(run.enrichment).toMatchObject({
      status: 'complete',
      fetched: 12,
      notFound: 10,
      enriched: 2,
    });
    expect(tmdb.asked).toHaveLength(12);

    const movie1 = (await serving.get(servingKeys.movie(1))) as unknown as MovieRecord;
    expect(movie1.details).toMatchObject({ runtimeMinutes: 81, directors: ['John Lasseter'] });
    expect(movie1.reviews).toMatchObject({ total: 3, positive: 1, mixed: 1, negative: 1 });
    const movie7 = (await serving.get(servingKeys.movie(7))) as unknown as MovieRecord;
    expect(movie7.details?.directors).toEqual(['Michael Mann']);
    const movie2 = (await serving.get(servingKeys.movie(2))) as unknown as MovieRecord;
    expect(movie2.details).toBeUndefined();
    expect(movie2.reviews).toBeUndefined();
    // Far below DynamoDB's 400 KB item limit.
    expect(JSON.stringify(movie1).length).toBeLessThan(8_000);
  });

  it('asks TMDB nothing on the next run: every answer is cached', async () => {
    const store = new InMemoryObjectStore();
    const serving = new InMemoryServingWriter();
    await runPipeline(store, serving, '2026-01-01T00:00:00Z', { tmdb: tmdbKnowing() });
    const again = tmdbKnowing();
    const rerun = await runPipeline(store, serving, '2026-01-02T00:00:00Z', {
      tmdb: again,
      force: true,
    });
    expect(again.asked).toEqual([]);
    expect(rerun.enrichment).toMatchObject({ cached: 12, fetched: 0, enriched: 2 });
    const movie1 = (await serving.get(servingKeys.movie(1))) as unknown as MovieRecord;
    expect(movie1.details?.fetchedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});
