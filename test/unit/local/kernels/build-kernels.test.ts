import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  compileKernels,
  KERNELS_MODULE,
  kernelsModuleSource,
} from '../../../../lambdas/local/kernels/build-kernels.ts';

describe('the committed WebAssembly kernels', () => {
  it('are what `npm run build:kernels` builds from kernels/ (run it after editing them)', async () => {
    const built = kernelsModuleSource(await compileKernels());
    expect(await readFile(KERNELS_MODULE, 'utf8')).toBe(built);
  });
});
