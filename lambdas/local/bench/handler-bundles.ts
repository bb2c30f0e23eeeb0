import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD } from '../../../lib/lambda-bundling.ts';

/** The repository root; bundles are written under it so the SDK (external) resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HANDLERS_DIR = join(REPO_ROOT, 'lambdas/handlers');
/** Scratch folder of the bench's bundles (git-ignored, like all of .local). */
export const BUNDLES_DIR = join(REPO_ROOT, '.local/bench/bundles');

export interface HandlerEntry {
  /** Path under lambdas/handlers without the extension, e.g. "api/api-handler". */
  name: string;
  entry: string;
}

export interface HandlerBundle extends HandlerEntry {
  /** The bundled index.mjs, as NodejsFunction names it. */
  file: string;
  /** Size of the minified JavaScript (the source map beside it is not counted). */
  bytes: number;
  /** Modules left external that the bundle imports statically (loaded at init), e.g. the SDK. */
  initExternals: string[];
}

const HANDLER_EXPORT = /^export\s+(const|(async\s+)?function)\s+handler\b/m;

/** Every Lambda entry point: the files under lambdas/handlers that export `handler`. */
export async function lambdaHandlerEntries(dir = HANDLERS_DIR): Promise<HandlerEntry[]> {
  const files = await readdir(dir, { recursive: true });
  const entries: HandlerEntry[] = [];
  for (const file of files.filter((f) => f.endsWith('.ts')).sort()) {
    const entry = join(dir, file);
    if (HANDLER_EXPORT.test(await readFile(entry, 'utf8'))) {
      entries.push({ name: relative(dir, entry).replace(/\.ts$/, ''), entry });
    }
  }
  return entries;
}

/**
 * Bundles one handler with the esbuild settings MovieRecFunction gives NodejsFunction (ESM,
 * minified, source map, the runtime's SDK external), into `outDir`/index.mjs.
 */
export async function bundleHandler(
  entry: string,
  outDir: string,
): Promise<{ file: string; bytes: number; initExternals: string[] }> {
  const file = join(outDir, 'index.mjs');
  const { metafile } = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: LAMBDA_ESBUILD.platform,
    format: LAMBDA_ESBUILD.format,
    target: LAMBDA_ESBUILD.target,
    minify: LAMBDA_ESBUILD.minify,
    sourcemap: LAMBDA_ESBUILD.sourcemap,
    sourcesContent: LAMBDA_ESBUILD.sourcesContent,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    banner: { js: LAMBDA_ESBUILD.banner },
    logLevel: 'error',
    metafile: true,
  });
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('index.mjs'));
  const initExternals = (output?.[1].imports ?? [])
    .filter((i) => i.external && i.kind === 'import-statement' && !i.path.startsWith('node:'))
    .map((i) => i.path);
  return {
    file,
    bytes: (await stat(file)).size,
    initExternals: [...new Set(initExternals)].sort(),
  };
}

/** Every handler bundled into its own folder under `outDir`. */
export async function bundleHandlers(outDir = BUNDLES_DIR): Promise<HandlerBundle[]> {
  const bundles: HandlerBundle[] = [];
  for (const handler of await lambdaHandlerEntries()) {
    bundles.push({
      ...handler,
      ...(await bundleHandler(handler.entry, join(outDir, handler.name))),
    });
  }
  return bundles;
}
