import { beforeAll, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown) => Promise<unknown>;
let tuneTrial: Handler;
let pickTuning: Handler;

beforeAll(async () => {
  vi.stubEnv('BUCKET_NAME', 'data-bucket');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler: tuneTrial } = await import('../../../../lambdas/handlers/pipeline/tune-trial.ts'));
  ({ handler: pickTuning } = await import('../../../../lambdas/handlers/pipeline/pick-tuning.ts'));
});

const processedPrefix = 'datasets/processed/ml-latest-small/abc/';

describe('tuning step handlers', () => {
  it('refuse a trial the state machine could not have planned, naming the field', async () => {
    const trial = { model: 'rating', trial: 1, params: { factors: 32 }, seed: 7 };
    await expect(
      tuneTrial({ processedPrefix, trial: { ...trial, model: 'svd' } }),
    ).rejects.toMatchObject({ name: 'InvalidStepInputError', message: /trial\.model/ });
    await expect(tuneTrial({ processedPrefix: 'models/x/', trial })).rejects.toMatchObject({
      name: 'InvalidStepInputError',
      message: /processedPrefix/,
    });
  });

  it('refuse a pick without at least two trial results', async () => {
    await expect(pickTuning({ processedPrefix, trials: [] })).rejects.toMatchObject({
      name: 'InvalidStepInputError',
      message: /trials/,
    });
  });
});
