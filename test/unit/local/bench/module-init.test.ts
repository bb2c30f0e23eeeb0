import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lambdaEnvironment,
  measureModuleInit,
} from '../../../../lambdas/local/bench/module-init.ts';

describe('measureModuleInit', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'init-'));
    // Fails the import unless the Lambda's environment reached the fresh process.
    await writeFile(
      join(dir, 'index.mjs'),
      "if (process.env.TABLE_NAME !== 'Serving') throw new Error('no env');\nexport const handler = () => 1;\n",
    );
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('times the import in fresh processes with the given environment', async () => {
    const init = await measureModuleInit(
      { file: join(dir, 'index.mjs'), initExternals: [] },
      { runs: 2, env: lambdaEnvironment('movierec-test') },
    );
    expect(init.total.runs).toBe(2);
    expect(init.total.p50Ms).toBeGreaterThanOrEqual(0);
    expect(init.total.maxMs).toBeGreaterThanOrEqual(init.total.p50Ms);
    expect(init.externals).toBeUndefined();
  });
});

describe('lambdaEnvironment', () => {
  it('sets what MovieRecFunction and the bindings set', () => {
    const env = lambdaEnvironment('movierec-api');
    expect(env).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'movierec-api',
      NODE_OPTIONS: '--enable-source-maps',
      TABLE_NAME: 'Serving',
      BUCKET_NAME: 'data-bucket',
    });
  });
});
