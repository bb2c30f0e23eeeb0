import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../../lambdas/local/stack/emulators.ts';
import { webAppHandler } from '../../lambdas/local/stack/web-app.ts';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-app-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<script src="/assets/a-1.js"></script>');
  await writeFile(join(dir, 'assets', 'a-1.js'), 'one()');
  // The SPA rewrite of the Web stack, in short: paths without an extension → index.html.
  server = createServer(webAppHandler(dir, (uri) => (/\.\w+$/.test(uri) ? uri : '/index.html')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

describe('webAppHandler', () => {
  it('serves the build with the deploy’s cache headers, and 404s what is not there', async () => {
    const page = await fetch(`${base}/movies/1`);
    expect(await page.text()).toBe('<script src="/assets/a-1.js"></script>');
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const asset = await fetch(`${base}/assets/a-1.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/none.js`)).status).toBe(404);
  });

  it('serves a rebuild made while it runs: new assets, and index.html whole', async () => {
    const rebuilt = '<script type="module" src="/assets/b-2.js"></script><!-- longer now -->';
    await writeFile(join(dir, 'index.html'), rebuilt);
    await writeFile(join(dir, 'assets', 'b-2.js'), 'two()');
    expect(await (await fetch(`${base}/`)).text()).toBe(rebuilt);
    const asset = await fetch(`${base}/assets/b-2.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('two()');
  });
});
