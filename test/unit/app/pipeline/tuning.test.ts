import { describe, expect, it } from 'vitest';
import { ingestDataset } from '../../../../lambdas/app/pipeline/ingest-dataset.ts';
import { readManifest } from '../../../../lambdas/app/pipeline/model-version-files.ts';
import { pickTuning } from '../../../../lambdas/app/pipeline/pick-tuning.ts';
import { readProcessedDataset } from '../../../../lambdas/app/pipeline/processed-dataset.ts';
import { publishVersion } from '../../../../lambdas/app/pipeline/publish-version.ts';
import { trainVersion } from '../../../../lambdas/app/pipeline/train-version.ts';
import { tuneTrial } from '../../../../lambdas/app/pipeline/tune-trial.ts';
import { readTuning } from '../../../../lambdas/app/pipeline/tuning-record.ts';
import { planPipelineTuning, tuneDataset } from '../../../../lambdas/app/pipeline/tuning-trials.ts';
import { servingKeys } from '../../../../lambdas/app/serving/serving-keys.ts';
import { SEARCH_SPACES } from '../../../../lambdas/core/tuning/search-space.ts';
import { InMemoryObjectStore } from '../../../../lambdas/local/in-memory-object-store.ts';
import { InMemoryServingWriter } from '../../../../lambdas/local/in-memory-serving-writer.ts';
import { fixedSource, profileSource, tinyMovieLensZip } from './pipeline-fixture.ts';

const URL = 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip';
const seconds = () => 0;
const now = () => new Date('2026-01-01T00:00:00Z');

async function ingested() {
  const store = new InMemoryObjectStore();
  const ingest = await ingestDataset(
    { dataset: 'ml-latest-small' },
    {
      source: fixedSource({ [URL]: tinyMovieLensZip() }, store),
      store,
      profiles: profileSource([]),
      now,
    },
  );
  const dataset = await readProcessedDataset(store, ingest.processedPrefix);
  return { store, ingest, dataset };
}

describe('the pipeline tuning', () => {
  it('Map of trials + pick = the Fargate task’s sequential tuning; train uses and records the choice', async () => {
    const { store, ingest, dataset } = await ingested();
    const { processedPrefix } = ingest;
    const plan = planPipelineTuning(3, 42);
    expect(plan.map((t) => `${t.model}${t.trial}`)).toEqual([
      'rating0',
      'rating1',
      'rating2',
      'ranking0',
      'ranking1',
      'ranking2',
    ]);
    // The Map: each item on its own, in any order.
    const results = await Promise.all(
      [...plan]
        .reverse()
        .map((trial) =>
          tuneTrial(
            { processedPrefix, trial },
            { loadDataset: () => Promise.resolve(dataset), seconds },
          ),
        ),
    );
    const picked = await pickTuning({ processedPrefix, trials: results }, { store });
    expect(picked.key).toBe(`${processedPrefix}tuning.json`);
    const stored = await readTuning(store, picked.key);
    expect(stored).toEqual(tuneDataset(dataset, { trialsPerModel: 3, seed: 42, now: seconds }));
    expect(stored.rating.trials[0]!.params).toEqual(plan[0]!.params);
    expect(picked.best).toEqual({
      rating: stored.rating.best.trial,
      ranking: stored.ranking.best.trial,
    });

    // Train reads the choice, trains with it and records the tuning in the manifest.
    const version = `${ingest.version}-tuned`;
    const trained = await trainVersion(
      { processedPrefix, version, tuningKey: picked.key },
      { store, now, seconds },
    );
    expect(trained.timings.tuning_s).toBe(0);
    const manifest = await readManifest(store, version);
    expect((manifest.extra as { tuning: unknown }).tuning).toEqual(stored);
    const parameters = manifest.parameters as { rating: object; ranking: { weight: number } };
    expect(parameters.rating).toMatchObject(
      SEARCH_SPACES.rating.toModelParams(stored.rating.best.params),
    );
    expect(parameters.ranking.weight).toBe(stored.ranking.best.params.blendWeight);

    // Published: the registry record answers the tuning (GET /model's `tuning`).
    const serving = new InMemoryServingWriter();
    await publishVersion({ version, expectedLiveVersion: null }, { store, serving, now });
    const record = (await serving.get(servingKeys.modelVersion(version))) as { tuning?: unknown };
    expect(record.tuning).toEqual(stored);

    // The Fargate path tunes in the task with the same plan and gets the same tuning.
    const onFargate = `${ingest.version}-fargate`;
    await trainVersion(
      { processedPrefix, version: onFargate },
      { store, now, seconds, tuneTrials: 3 },
    );
    expect(((await readManifest(store, onFargate)).extra as { tuning: unknown }).tuning).toEqual(
      stored,
    );
  });

  it('without tuning, trains with the defaults and records none', async () => {
    const { store, ingest } = await ingested();
    const version = `${ingest.version}-plain`;
    await trainVersion(
      { processedPrefix: ingest.processedPrefix, version },
      { store, now, seconds },
    );
    const manifest = await readManifest(store, version);
    expect((manifest.extra as { tuning?: unknown }).tuning).toBeUndefined();
  });

  it('with epochs, gives them to SGD and as sweeps to the Bayesian part, 30% burn-in', async () => {
    const { store, ingest } = await ingested();
    const version = `${ingest.version}-short`;
    await trainVersion(
      { processedPrefix: ingest.processedPrefix, version, epochs: 7 },
      { store, now, seconds },
    );
    const parameters = (await readManifest(store, version)).parameters as {
      rating: { sgd: { epochs: number }; bayesian: { sweeps: number; burnIn: number } };
    };
    expect(parameters.rating.sgd.epochs).toBe(7);
    expect(parameters.rating.bayesian).toMatchObject({ sweeps: 7, burnIn: 2 });
  });

  it('refuses a pick without trials of both models, and a stored tuning of the wrong shape', async () => {
    const { store, ingest, dataset } = await ingested();
    const { processedPrefix } = ingest;
    const ratingOnly = await Promise.all(
      planPipelineTuning(2, 42)
        .filter((t) => t.model === 'rating')
        .map((trial) =>
          tuneTrial(
            { processedPrefix, trial },
            { loadDataset: () => Promise.resolve(dataset), seconds },
          ),
        ),
    );
    await expect(pickTuning({ processedPrefix, trials: ratingOnly }, { store })).rejects.toThrow(
      /no ranking model trials/,
    );
    const key = `${processedPrefix}tuning.json`;
    await store.put(key, new TextEncoder().encode('{"validation":"user-holdout"}'));
    await expect(
      trainVersion({ processedPrefix, version: 'v-bad', tuningKey: key }, { store, now, seconds }),
    ).rejects.toThrow(/tuning\.json: .*trialsPerModel/s);
  });
});
