// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * Modules the pure core must never reach: it holds recommender maths only
 * (docs/architecture.md §7).
 */
const impureModules = [
  {
    group: ['@aws-sdk/*', 'aws-sdk', 'aws-lambda', '@middy/*', '@aws-lambda-powertools/*'],
    message: 'lambdas/core is pure: no AWS.',
  },
  {
    group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'path', 'node:path', 'os', 'node:os'],
    message: 'lambdas/core is pure: no file system.',
  },
  {
    group: [
      'http',
      'https',
      'net',
      'node:http',
      'node:https',
      'node:net',
      'node:dgram',
      'dgram',
      'undici',
    ],
    message: 'lambdas/core is pure: no network.',
  },
  {
    group: [
      'child_process',
      'node:child_process',
      'worker_threads',
      'node:worker_threads',
      'cli-progress',
    ],
    message: 'lambdas/core is pure: no processes, threads or terminal.',
  },
  {
    group: [
      '**/app/*',
      '**/aws/*',
      '**/local/*',
      '**/handlers/*',
      '**/tasks/*',
      '**/bin/*',
      '**/lib/*',
    ],
    message: 'Dependencies point inward: core imports nothing outside core.',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules', 'cdk.out', '.local', 'coverage', 'frontend/dist', 'bin/movierec.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['lambdas/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // `import { z }` drags all of zod's locales into a Lambda bundle; the namespace does not.
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'`: it keeps Lambda bundles within budget.",
        },
      ],
    },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: impureModules }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'lambdas/core is pure: pass configuration in.' },
        { name: 'fetch', message: 'lambdas/core is pure: no network.' },
        { name: 'require', message: 'lambdas/core is pure.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded Rng from lambdas/core/random.ts.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'lambdas/core is deterministic: pass time in.',
        },
      ],
    },
  },
  {
    // The web app takes the API's types from the backend, never its code: only `import type` of
    // the backend (and of zod) is erased at build time and keeps both out of the bundle.
    files: ['frontend/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', allowTypeImports: true, message: 'The web app ships no zod.' }],
          patterns: [
            {
              group: ['**/lambdas/**', '**/lib/**', '**/bin/**', '**/test/**', '**/scripts/**'],
              allowTypeImports: true,
              message: 'The web app imports only types from the backend (`import type`).',
            },
          ],
        },
      ],
      // `import { type X }` still loads the module under verbatimModuleSyntax: `import type` only.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'lambdas/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'test', property: 'only' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
  prettier,
);
