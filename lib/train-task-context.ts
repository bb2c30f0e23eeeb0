import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Source of the Fargate training task and its Dockerfile. */
export const TRAIN_TASK_ENTRY = join(root, 'lambdas/tasks/train-task.ts');
export const TRAIN_TASK_DOCKERFILE = join(root, 'lambdas/tasks/Dockerfile');

/**
 * Writes the Docker build context of the training task into `outDir`: the Dockerfile and one
 * minified ESM bundle (with source map) made by the local esbuild, as NodejsFunction does for
 * the Lambdas, so neither `cdk synth` nor this build needs Docker; only the image build at
 * deploy does. Used by `npm run build:task` and by the pipeline stack.
 */
export function buildTrainTaskContext(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [TRAIN_TASK_ENTRY],
    outfile: join(outDir, 'train-task.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: {
      js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  copyFileSync(TRAIN_TASK_DOCKERFILE, join(outDir, 'Dockerfile'));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = buildTrainTaskContext(process.argv[2] ?? join(root, 'build/train-task'));
  console.log(`training task image context written to ${out}`);
}
