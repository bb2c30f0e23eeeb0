import { describe, expect, it } from 'vitest';
import { ingestDataset } from '../../../../lambdas/app/pipeline/ingest-dataset.ts';
import { readProcessedDataset } from '../../../../lambdas/app/pipeline/processed-dataset.ts';
import type { ProfileRatings } from '../../../../lambdas/app/pipeline/profile-ratings-source.ts';
import { readTrainingOrigin } from '../../../../lambdas/app/pipeline/training-origin.ts';
import { DatasetError } from '../../../../lambdas/core/dataset/dataset-error.ts';
import { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import { fixedSource, profileSource, TINY_USERS, tinyMovieLensZip } from './pipeline-fixture.ts';

const URL = 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip';
const HEADER = 'userId,movieId,rating,timestamp\n';
const source = (store: InMemoryObjectStore) => fixedSource({ [URL]: tinyMovieLensZip() }, store);
const now = () => new Date('2026-02-01T00:00:00Z');

const rated = (movieId: number, rating: number): ProfileRatings['ratings'][number] => ({
  movieId,
  rating,
  ratedAt: 1_700_000_000 + movieId,
});

function storeWith(files: Record<string, string>): InMemoryObjectStore {
  const store = new InMemoryObjectStore();
  for (const [key, text] of Object.entries(files)) {
    store.objects.set(key, new TextEncoder().encode(text));
  }
  return store;
}

describe('ingestDataset with operator files and profiles', () => {
  it('adds operator files in key order and profiles as new users in profileId order', async () => {
    const store = storeWith({
      'datasets/incoming/b.csv': `${HEADER}41,1,4.0,1700000000\n41,2,3.5,1700000001\n`,
      'datasets/incoming/a.csv': `${HEADER}1,7,5.0,1700000000\n`,
      'datasets/incoming/notes.txt': 'not ratings',
    });
    const calls: string[] = [];
    const profiles = [
      { profileId: 'zzzzzzzzzzzzzzzzzzzzzz', ratings: [rated(3, 4), rated(4, 4.5), rated(99, 5)] },
      { profileId: 'AAAAAAAAAAAAAAAAAAAAAA', ratings: [rated(8, 2)] },
      { profileId: 'mmmmmmmmmmmmmmmmmmmmmm', ratings: [] },
    ];
    const result = await ingestDataset(
      { dataset: 'ml-latest-small' },
      {
        source: source(store),
        store,
        now,
        profiles: {
          ratingsCollected: () => (calls.push('counter'), Promise.resolve(17)),
          profiles: () => (calls.push('profiles'), Promise.resolve(profiles)),
        },
      },
    );
    expect(calls).toEqual(['counter', 'profiles']);

    const baseStore = new InMemoryObjectStore();
    const base = await ingestDataset(
      { dataset: 'ml-latest-small' },
      { source: source(baseStore), store: baseStore, now, profiles: profileSource([]) },
    );
    expect(result.sources).toEqual({
      dataset: base.ratings,
      profiles: 3,
      profileUsers: 2,
      operatorFiles: 3,
      operatorFileKeys: ['datasets/incoming/a.csv', 'datasets/incoming/b.csv'],
      ratingsCollectedAtIngest: 17,
      profilesReadAt: '2026-02-01T00:00:00.000Z',
    });
    expect(result.ratings).toBe(base.ratings + 3 + 3);
    expect(result.users).toBe(TINY_USERS + 1 + 2);
    expect(result.droppedProfileRatings).toBe(1);
    expect(result.replacedRatings).toBe(0);
    expect(result.fingerprint).not.toBe(base.fingerprint);

    // Operator user 41 is the highest dataset/operator id: profiles get 42 and 43, by profileId.
    const origin = await readTrainingOrigin(store, result.processedPrefix);
    expect(origin.profileUsers).toEqual([
      [42, 'AAAAAAAAAAAAAAAAAAAAAA'],
      [43, 'zzzzzzzzzzzzzzzzzzzzzz'],
    ]);
    expect(origin.sources).toEqual(result.sources);
    const dataset = await readProcessedDataset(store, result.processedPrefix);
    const ratingsOf = (userId: number) => {
      const user = dataset.userIds.indexOf(userId);
      return Array.from(dataset.ratings.item)
        .flatMap((item, k) => (dataset.ratings.user[k] === user ? [dataset.itemIds[item]] : []))
        .sort((a, b) => a! - b!);
    };
    expect(ratingsOf(42)).toEqual([8]);
    expect(ratingsOf(43)).toEqual([3, 4]);
    expect(ratingsOf(41)).toEqual([1, 2]);
    // Operator files stay in place for every later run.
    expect(store.objects.has('datasets/incoming/a.csv')).toBe(true);
  });

  it('an operator rating of a (user, movie) the dataset has replaces it', async () => {
    const store = storeWith({ 'datasets/incoming/fix.csv': `${HEADER}1,1,0.5,1800000000\n` });
    const result = await ingestDataset(
      { dataset: 'ml-latest-small' },
      { source: source(store), store, now, profiles: profileSource([]) },
    );
    const dataset = await readProcessedDataset(store, result.processedPrefix);
    const k = Array.from(dataset.ratings.user).findIndex(
      (u, k) => dataset.userIds[u] === 1 && dataset.itemIds[dataset.ratings.item[k]!] === 1,
    );
    expect(dataset.ratings.value[k]).toBe(0.5);
    expect(result.replacedRatings).toBe(1);
    expect(result.sources.operatorFiles + result.sources.dataset).toBe(result.ratings);
  });

  it('a bad operator file fails the run with its key and line, writing nothing but the raw archive', async () => {
    const store = storeWith({
      'datasets/incoming/a.csv': `${HEADER}1,7,5.0,1700000000\n`,
      'datasets/incoming/b.csv': `${HEADER}41,1,4.0,1700000000\n41,13,3.5,1700000001\n`,
    });
    const error = await ingestDataset(
      { dataset: 'ml-latest-small' },
      { source: source(store), store, now, profiles: profileSource([]) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(
      'datasets/incoming/b.csv line 3: movieId 13 is not in ml-latest-small',
    );
    expect(store.keys()).toEqual([
      'datasets/incoming/a.csv',
      'datasets/incoming/b.csv',
      'datasets/raw/ml-latest-small.zip',
    ]);
  });
});
