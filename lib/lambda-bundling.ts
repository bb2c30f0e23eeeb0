/**
 * How every Lambda of MovieRec is bundled, in one place: `MovieRecFunction` hands these to
 * NodejsFunction (which runs the local esbuild with them), and `npm run bench` bundles each
 * handler with the same settings to check the size and cold-start budgets. Plain data, no CDK
 * import, so local tooling can read it without loading aws-cdk-lib.
 */

/** Node.js major version of the Lambda runtime (NODEJS_24_X); esbuild targets it. */
export const LAMBDA_NODE_MAJOR = 24;

/** The Lambda runtime provides the AWS SDK v3 (and its Smithy packages): never bundled. */
export const LAMBDA_EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*', '@smithy/*'];

/** CommonJS dependencies that call require() need it defined inside an ES module. */
export const LAMBDA_ESM_BANNER =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/** The esbuild settings NodejsFunction derives from the bundling props of MovieRecFunction. */
export const LAMBDA_ESBUILD = {
  platform: 'node',
  format: 'esm',
  target: `node${LAMBDA_NODE_MAJOR}`,
  minify: true,
  sourcemap: true,
  // Maps give file:line in stack traces; embedding the sources would only grow the zip.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: LAMBDA_EXTERNAL_MODULES,
  banner: LAMBDA_ESM_BANNER,
} as const;
