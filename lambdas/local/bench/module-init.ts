import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { LatencySummary } from './percentiles.ts';
import { summariseLatency } from './percentiles.ts';

const run = promisify(execFile);

/** Imports the module named by argv[1] and prints how long the import took, in ms. */
const IMPORT_TIMER =
  'const start=performance.now();await import(process.argv[1]);' +
  'process.stdout.write(`\\n${performance.now()-start}\\n`);';

/**
 * What a Lambda of the stack sees at init that the bundles can read: Powertools settings as
 * MovieRecFunction sets them, the bound table and bucket, the region, and source maps enabled.
 */
export function lambdaEnvironment(serviceName: string): Record<string, string> {
  return {
    AWS_REGION: 'eu-west-1',
    AWS_LAMBDA_FUNCTION_NAME: serviceName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_METRICS_NAMESPACE: 'MovieRec',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: 'Serving',
    BUCKET_NAME: 'data-bucket',
  };
}

export interface ModuleInit {
  /** Import of the whole bundle. */
  total: LatencySummary;
  /** Import of only the SDK modules the bundle loads at init; undefined when it loads none. */
  externals: LatencySummary | undefined;
}

/**
 * Module initialisation of a bundle as a cold Lambda pays it: in a fresh `node` process each
 * run (nothing cached in memory), the time of the dynamic import of the bundle, which loads and
 * evaluates it and the SDK modules it imports. Node's own start-up is not counted. The SDK
 * modules alone are timed the same way, interleaved, so the bundle's own share shows.
 */
export async function measureModuleInit(
  bundle: { file: string; initExternals: readonly string[] },
  options: { runs: number; env: Record<string, string> },
): Promise<ModuleInit> {
  let externalsFile: string | undefined;
  if (bundle.initExternals.length > 0) {
    // Beside the bundle, so the SDK resolves from the same node_modules.
    externalsFile = join(dirname(bundle.file), 'init-externals.mjs');
    await writeFile(externalsFile, bundle.initExternals.map((m) => `import '${m}';\n`).join(''));
  }
  const total: number[] = [];
  const externals: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    total.push(await importTime(bundle.file, options.env));
    if (externalsFile !== undefined) externals.push(await importTime(externalsFile, options.env));
  }
  return {
    total: summariseLatency(total),
    externals: externals.length > 0 ? summariseLatency(externals) : undefined,
  };
}

async function importTime(file: string, env: Record<string, string>): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(file).href],
    // Only PATH from this process: no tsx loader or other NODE_OPTIONS leak in.
    { env: { PATH: process.env.PATH ?? '', ...env } },
  );
  const ms = Number(stdout.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`no import time from ${file}: ${stdout}`);
  return ms;
}
