import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from './local-resources.ts';

/** The repository root (this file is lambdas/local/stack/synthesize-app.ts). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What the CDK app reads: lib/, the request-time code whose paths it bundles, the feature flags. */
const SOURCES = ['lib', 'lambdas', 'bin/app.ts', 'cdk.json', 'package-lock.json'];
/** Local-only code never changes a template. */
const IGNORED = new Set(['lambdas/local']);

export interface SynthesizedApp {
  /** Every stack's template by stack name. */
  templates: Record<string, CfnTemplate>;
  /** True when the templates came from the cache (no synth this time). */
  cached: boolean;
}

interface CacheIndex {
  key: string;
  templates: Record<string, string>;
}

/**
 * Synthesizes MovieRec's CDK app in this process, without bundling (the local stack runs the
 * TypeScript sources), into `outdir`, with the feature flags of cdk.json as `cdk synth` would.
 * The templates are reused while nothing the app reads has changed (file sizes and times under
 * lib/ and lambdas/, cdk.json, the lock file), which saves the ~3 s of loading aws-cdk-lib on a
 * restart. The stage is "local"; any other context stays at its defaults.
 */
export async function synthesizeApp(options: {
  outdir: string;
  context?: Readonly<Record<string, unknown>>;
  log?: (line: string) => void;
}): Promise<SynthesizedApp> {
  const config = { stage: 'local', ...options.context };
  const key = await sourceKey(config);
  const indexFile = join(options.outdir, 'local-stack-index.json');
  const cached = await readIndex(indexFile);
  if (cached?.key === key) {
    const templates: Record<string, CfnTemplate> = {};
    let complete = true;
    for (const [stackName, file] of Object.entries(cached.templates)) {
      const path = join(options.outdir, file);
      if (!existsSync(path)) {
        complete = false;
        break;
      }
      templates[stackName] = JSON.parse(await readFile(path, 'utf8')) as CfnTemplate;
    }
    if (complete) return { templates, cached: true };
  }

  await rm(options.outdir, { recursive: true, force: true });
  await mkdir(options.outdir, { recursive: true });
  const [{ App }, { parseAppConfig }, { addMovieRecStacks }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../../../lib/app-config.ts'),
    import('../../../lib/movierec-app.ts'),
  ]);
  const flags = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    outdir: options.outdir,
    context: { ...flags.context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
    treeMetadata: false,
  });
  addMovieRecStacks(app, parseAppConfig(config));
  // Synth prints its annotations (e.g. deprecation warnings) with console.error: they concern
  // a deploy, not the local stack, so they go to the log only when DEBUG asks for them.
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    if (process.env.DEBUG) options.log?.(args.map(String).join(' '));
  };
  let assembly;
  try {
    assembly = app.synth();
  } finally {
    console.error = consoleError;
  }
  const templates: Record<string, CfnTemplate> = {};
  const files: Record<string, string> = {};
  for (const stack of assembly.stacks) {
    templates[stack.stackName] = stack.template as CfnTemplate;
    files[stack.stackName] = stack.templateFile;
  }
  await writeFile(indexFile, JSON.stringify({ key, templates: files } satisfies CacheIndex));
  return { templates, cached: false };
}

async function readIndex(file: string): Promise<CacheIndex | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as CacheIndex;
  } catch {
    return undefined;
  }
}

/** A hash of the configuration and of the path, size and time of every source the app reads. */
async function sourceKey(config: Readonly<Record<string, unknown>>): Promise<string> {
  const hash = createHash('sha256').update(REPOSITORY_ROOT).update(JSON.stringify(config));
  const visit = async (path: string): Promise<void> => {
    const rel = relative(REPOSITORY_ROOT, path);
    if (IGNORED.has(rel)) return;
    let info;
    try {
      info = await stat(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      for (const name of names) await visit(join(path, name));
    } else {
      hash.update(`${rel}\0${info.size}\0${info.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) await visit(join(REPOSITORY_ROOT, source));
  return hash.digest('hex');
}
