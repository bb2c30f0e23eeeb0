import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The files of swagger-ui-dist the API docs page (public/api-docs.html) loads. */
const FILES: Readonly<Record<string, string>> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

/**
 * Serves swagger-ui-dist's prebuilt bundle and stylesheet at /swagger-ui/ (dev server) and
 * copies them into the build as they are: Rollup has nothing to add to a 1.7 MB minified
 * bundle, and only the docs page loads it.
 */
export function swaggerUiAssets(): Plugin {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const read = (name: string): Buffer => readFileSync(join(folder, name));
  return {
    name: 'movierec-swagger-ui-assets',
    configureServer(server) {
      server.middlewares.use('/swagger-ui/', (req, res, next) => {
        const name = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        const type = FILES[name];
        if (type === undefined) return next();
        res.setHeader('content-type', type);
        res.end(read(name));
      });
    },
    generateBundle() {
      for (const name of Object.keys(FILES)) {
        this.emitFile({ type: 'asset', fileName: `swagger-ui/${name}`, source: read(name) });
      }
    },
  };
}
