import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType } from 'aws-cdk-lib';
import type { BundlingOptions, ILocalBundling } from 'aws-cdk-lib';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { nodeBuildContainer } from './node-build-container.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the web app with the project's own Vite (`frontend/vite.config.ts`) into `outputDir`.
 * Returns false when Vite is not installed (no `npm ci`), so CDK falls back to Docker; a failing
 * build throws, naming its exit status, rather than shipping a half-built site.
 */
const localWebAppBuild: ILocalBundling = {
  tryBundle(outputDir: string): boolean {
    const vite = join(root, 'node_modules/vite/bin/vite.js');
    if (!existsSync(vite)) return false;
    const { status, error } = spawnSync(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        'frontend/vite.config.ts',
        '--outDir',
        outputDir,
        '--logLevel',
        'warn',
      ],
      // Vite's report goes to stderr: `cdk synth` prints templates on stdout.
      { cwd: root, stdio: ['ignore', 2, 2] },
    );
    if (error !== undefined || status !== 0) {
      throw new Error(
        `Building the web app (vite build --config frontend/vite.config.ts) failed: ${error?.message ?? `exit status ${String(status)}`}`,
      );
    }
    return true;
  },
};

/**
 * How `cdk synth` turns the repository into the site: the local Vite build, or the same build in
 * a Node.js container when the deploying machine has no `npm ci` (the source is the repository
 * root because the app imports the API's schemas from lambdas/).
 */
const WEB_APP_BUNDLING: BundlingOptions = {
  local: localWebAppBuild,
  ...nodeBuildContainer('npx vite build --config frontend/vite.config.ts --outDir /asset-output'),
};

/**
 * The web app as a deployment source: built from the current sources at every synth of the Web
 * stack, so a fresh clone ships the site. The hash is the build's output (the sources span
 * frontend/ and lambdas/); a stack excluded from bundling (tests, deploys of other stacks) gets a
 * placeholder and no build.
 */
export function webAppSource(): s3deploy.ISource {
  return s3deploy.Source.asset(root, {
    bundling: WEB_APP_BUNDLING,
    assetHashType: AssetHashType.OUTPUT,
  });
}
