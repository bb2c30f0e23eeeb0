import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bundleHandler } from '../../lambdas/local/bench/handler-bundles.ts';
import { MovieRecFunction } from '../../lib/movierec-function.ts';
import { createTestApp } from './test-app.ts';

// Imports the SDK, so the externals matter to the comparison.
const entry = fileURLToPath(new URL('fixtures/sdk-handler.ts', import.meta.url));

describe('lambda bundling', () => {
  it('the bench bundles a handler byte for byte as the CDK construct does', async () => {
    const app = createTestApp({ bundle: true });
    const stack = new Stack(app, 'Bundled');
    new MovieRecFunction(stack, 'Fn', { entry, serviceName: 'test' });
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    const zip = (fn?.Properties.Code as { S3Key: string }).S3Key;
    const cdk = await readFile(
      join(assembly.directory, `asset.${zip.replace(/\.zip$/, '')}`, 'index.mjs'),
      'utf8',
    );

    const dir = await mkdtemp(join(tmpdir(), 'bench-bundle-'));
    try {
      const bench = await bundleHandler(entry, dir);
      expect(await readFile(bench.file, 'utf8')).toBe(cdk);
      expect(bench.initExternals).toEqual(['@aws-sdk/client-dynamodb']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
