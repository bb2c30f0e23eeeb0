import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import type { LocalBehavior } from './local-distribution.ts';
import { REPOSITORY_ROOT } from './synthesize-app.ts';

/** The web app's sources and its build, as the Web stack deploys it. */
export const FRONTEND_DIR = join(REPOSITORY_ROOT, 'frontend');
export const SITE_DIR = join(FRONTEND_DIR, 'dist');

/**
 * Builds the web app with Vite (its own vite.config.ts) when it has sources but no build yet,
 * so a fresh clone serves it without a separate step. Returns the build folder, or undefined
 * when the repository has no web app.
 */
export async function ensureWebAppBuilt(log: (line: string) => void): Promise<string | undefined> {
  if (existsSync(join(SITE_DIR, 'index.html'))) return SITE_DIR;
  if (!existsSync(join(FRONTEND_DIR, 'vite.config.ts'))) return undefined;
  log('Building the web app (frontend/dist)…');
  const { build } = await import('vite');
  await build({
    configFile: join(FRONTEND_DIR, 'vite.config.ts'),
    root: FRONTEND_DIR,
    logLevel: 'warn',
  });
  return SITE_DIR;
}

/**
 * The viewer-request function the distribution runs on its site (default) behaviour, the SPA
 * rewrite, so local paths resolve as deployed ones do; no rewrite when it has none.
 */
export function siteRewrite(behaviors: readonly LocalBehavior[]): (uri: string) => string {
  const fn = behaviors.find((behavior) => behavior.pathPattern === '*')?.viewerRequest;
  if (fn === undefined) return (uri) => uri;
  return (uri) => fn({ request: { method: 'GET', uri, headers: {} } }).uri;
}

/** Cache headers of the deploy (web-stack.ts): hashed assets immutable, the rest revalidated. */
function cacheControl(res: ServerResponse, pathname: string): void {
  res.setHeader(
    'cache-control',
    pathname.startsWith('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=0, must-revalidate',
  );
}

/**
 * Serves the built web app: the path rewritten by the distribution's function, then the file
 * from the build folder, else a 404 (as the private site bucket answers). Files are looked up
 * on each request (sirv's `dev`), not listed once at start: after `npm run build:web` with the
 * stack running, a listing would 404 the new hashed assets and send index.html with its old
 * length.
 */
export function webAppHandler(
  siteDir: string,
  rewrite: (uri: string) => string,
): (req: IncomingMessage, res: ServerResponse) => void {
  const files = sirv(siteDir, {
    dev: true,
    etag: true,
    extensions: [],
    dotfiles: false,
    setHeaders: cacheControl,
  });
  return (req, res) => {
    const [path = '/', query] = (req.url ?? '/').split('?', 2);
    const uri = path === '/' ? '/index.html' : rewrite(path);
    req.url = query === undefined ? uri : `${uri}?${query}`;
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not Found\n');
    });
  };
}

/** The page at '/' when the repository has no web app: where the API and its docs are. */
export function noWebAppHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  const page =
    '<!doctype html><meta charset="utf-8"><title>MovieRec</title>' +
    '<h1>MovieRec</h1><p>The web app is not part of this checkout. ' +
    'The API is at <a href="/api/health">/api</a>; its OpenAPI document at ' +
    '<a href="/api/openapi.json">/api/openapi.json</a>.</p>';
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/' && path !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not Found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  };
}
