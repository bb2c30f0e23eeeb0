import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { trainIals } from '../../../lambdas/core/models/ials.ts';
import { trainRatingModel } from '../../../lambdas/core/models/rating-model.ts';
import { bundleHandler, REPO_ROOT } from '../../../lambdas/local/bench/handler-bundles.ts';
import { bundledIalsData, bundledIalsParams } from '../../fixtures/workers/bundled-ials-entry.ts';
import {
  bundledRatingData,
  bundledRatingOptions,
} from '../../fixtures/workers/bundled-rating-entry.ts';

describe('worker threads inside a Lambda-style bundle', () => {
  const dir = mkdtemp(join(tmpdir(), 'bundled-workers-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('train iALS on two threads running the bundle (no tsx, no worker file), as on one', async () => {
    const entry = join(REPO_ROOT, 'test/fixtures/workers/bundled-ials-entry.ts');
    const { file } = await bundleHandler(entry, await dir);
    const { stdout } = await promisify(execFile)(process.execPath, [file, '--train'], {
      cwd: await dir,
      timeout: 60_000,
    });
    const bundled = JSON.parse(stdout) as { loss: number[]; factors: number[] };

    const data = bundledIalsData();
    const shape = { users: data.userIds.length, items: data.itemIds.length };
    const single = trainIals(data.ratings, shape, bundledIalsParams, { seed: 4 });
    expect(bundled.loss.length).toBe(3);
    bundled.loss.forEach((loss, e) => expect(loss).toBeCloseTo(single.lossHistory[e]!, 2));
    bundled.factors.forEach((x, i) => expect(x).toBeCloseTo(single.itemFactors.data[i]!, 3));
  }, 90_000);

  it('train the rating model on a thread running the bundle, as on the calling thread', async () => {
    const entry = join(REPO_ROOT, 'test/fixtures/workers/bundled-rating-entry.ts');
    const { file } = await bundleHandler(entry, await dir);
    const { stdout } = await promisify(execFile)(process.execPath, [file, '--train'], {
      cwd: await dir,
      timeout: 60_000,
    });
    const bundled = JSON.parse(stdout) as { loss: number[]; factors: number[] };

    const data = bundledRatingData();
    const shape = { users: data.userIds.length, items: data.itemIds.length };
    const core = trainRatingModel(data.ratings, shape, data.scale, bundledRatingOptions, {
      seed: 4,
    });
    expect(bundled.loss).toEqual(core.lossHistory);
    expect(bundled.factors).toEqual(Array.from(core.itemFactors.subarray(0, 16)));
  }, 90_000);
});
