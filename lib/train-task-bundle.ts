import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, BundlingOutput } from 'aws-cdk-lib';
import type { ILocalBundling } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { LAMBDA_ESBUILD } from './lambda-bundling.ts';
import { nodeBuildContainer } from './node-build-container.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Source of the Fargate training task. */
export const TRAIN_TASK_ENTRY = join(root, 'lambdas/tasks/train-task.ts');
/** The one file the bundle is, as the task's containers name it. */
export const TRAIN_TASK_FILE = 'train-task.mjs';

/**
 * Bundles the training task into `outDir` as one minified ES module with its source map inline
 * (one file, so the task fetches a single object). Same esbuild settings as the Lambdas, except
 * that the AWS SDK is bundled: the Node.js image, unlike the Lambda runtime, has none.
 */
export function bundleTrainTask(outDir: string): string {
  const outfile = join(outDir, TRAIN_TASK_FILE);
  buildSync({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [],
    banner: { js: LAMBDA_ESBUILD.banner },
    sourcemap: 'inline',
    entryPoints: [TRAIN_TASK_ENTRY],
    outfile,
    bundle: true,
    logLevel: 'error',
  });
  return outfile;
}

const localTrainTaskBundle: ILocalBundling = {
  tryBundle(outputDir: string): boolean {
    bundleTrainTask(outputDir);
    return true;
  },
};

/**
 * The training task's bundle as an ordinary S3 file asset (`<hash>.mjs` in the CDK asset
 * bucket), made at synth by the local esbuild as NodejsFunction does for the Lambdas, so a
 * deploy needs no Docker. Stacks excluded from bundling (tests, the local stack) get a
 * placeholder.
 */
export function trainTaskAsset(scope: Construct, id: string): Asset {
  return new Asset(scope, id, {
    path: root,
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: localTrainTaskBundle,
      outputType: BundlingOutput.SINGLE_FILE,
      ...nodeBuildContainer(`node --import tsx lib/train-task-bundle.ts /asset-output`),
    },
  });
}

// The Docker fallback above runs this file: `node --import tsx lib/train-task-bundle.ts <outDir>`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundleTrainTask(process.argv[2] ?? '.');
}
