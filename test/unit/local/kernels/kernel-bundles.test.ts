import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../../../../lambdas/core/kernels/kernels-wasm.ts';
import { bundleHandler, REPO_ROOT } from '../../../../lambdas/local/bench/handler-bundles.ts';

/** The start of the embedded module, which is only in a bundle that can run the kernels. */
const WASM_MARK = KERNELS_WASM_BASE64.slice(0, 64);

describe('the kernels in the Lambda bundles', () => {
  const dir = mkdtemp(join(tmpdir(), 'kernel-bundles-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  const bundled = async (handler: string) => {
    const out = join(await dir, handler);
    const { file } = await bundleHandler(join(REPO_ROOT, 'lambdas/handlers', `${handler}.ts`), out);
    return readFile(file, 'utf8');
  };

  it('reach the train Lambda, embedded', async () => {
    expect(await bundled('pipeline/train')).toContain(WASM_MARK);
  });

  it('stay out of the API Lambda, which loads the rating model but never trains it', async () => {
    expect(await bundled('api/api-handler')).not.toContain(WASM_MARK);
  });
});
