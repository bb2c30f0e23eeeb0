import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleHandler,
  lambdaHandlerEntries,
} from '../../../../lambdas/local/bench/handler-bundles.ts';

describe('lambdaHandlerEntries', () => {
  it('finds every file under lambdas/handlers that exports a handler', async () => {
    const names = (await lambdaHandlerEntries()).map((entry) => entry.name);
    expect(names).toContain('api/api-handler');
    expect(names).toContain('pipeline/score-shard');
    // Helpers of the handlers are not entry points.
    expect(names).not.toContain('api/router');
    expect(names).not.toContain('pipeline/pipeline-handler');
  });
});

describe('bundleHandler', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-'));
    await writeFile(
      join(dir, 'greeting.ts'),
      'export function greetingForTheVisitor(name: string): string {\n  return `hello ${name}`;\n}\n',
    );
    await writeFile(
      join(dir, 'entry.ts'),
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { greetingForTheVisitor } from './greeting.ts';",
        'const client = new DynamoDBClient({});',
        'export const handler = async (event: { name: string }) => {',
        "  const { S3Client } = await import('@aws-sdk/client-s3');",
        '  return [greetingForTheVisitor(event.name), client, S3Client];',
        '};',
      ].join('\n'),
    );
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('bundles a minified ES module with the SDK left to the runtime', async () => {
    const bundle = await bundleHandler(join(dir, 'entry.ts'), join(dir, 'out'));
    const code = await readFile(bundle.file, 'utf8');
    expect(bundle.file).toBe(join(dir, 'out', 'index.mjs'));
    expect(bundle.bytes).toBe(Buffer.byteLength(code));
    expect(code).toContain('hello ');
    expect(code).not.toContain('greetingForTheVisitor');
    expect(code).toContain('from"@aws-sdk/client-dynamodb"');
    expect(code).toContain('createRequire(import.meta.url)');
    expect(code).toContain('sourceMappingURL=index.mjs.map');
    // Only static imports load at init; the dynamic one waits for the first call.
    expect(bundle.initExternals).toEqual(['@aws-sdk/client-dynamodb']);
  });
});
