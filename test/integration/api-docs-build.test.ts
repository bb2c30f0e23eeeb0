import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONTEND_DIR } from '../../lambdas/local/stack/web-app.ts';

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'movierec-site-'));
  const { build } = await import('vite');
  await build({
    configFile: join(FRONTEND_DIR, 'vite.config.ts'),
    root: FRONTEND_DIR,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/**
 * The site build holds the API's docs page: Swagger UI's own files, copied from swagger-ui-dist,
 * and a page that loads only same-origin files and runs no inline script, so the site's CSP
 * (script-src 'self') lets it run. The browser test (test/browser/api-docs.test.ts) renders it.
 */
describe('API docs in the site build', () => {
  it("copies swagger-ui-dist's bundle and stylesheet unchanged", async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      const built = await readFile(join(outDir, 'swagger-ui', name));
      expect(built.equals(await readFile(join(dist, name))), name).toBe(true);
    }
  });

  it('serves a page with no inline script that loads same-origin files only', async () => {
    const html = await readFile(join(outDir, 'api-docs.html'), 'utf8');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => /src="([^"]+)"/.exec(s[1]!)?.[1])).toEqual([
      '/swagger-ui/swagger-ui-bundle.js',
      '/api-docs.js',
    ]);
    for (const script of scripts) expect(script[2]!.trim()).toBe('');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const start = await readFile(join(outDir, 'api-docs.js'), 'utf8');
    expect(start).toContain("url: '/api/openapi.json'");
    expect(start).toContain('validatorUrl: null');
  });
});
