import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHttpRequest } from '../../../../lambdas/local/stack/function-url-event.ts';
import type { LocalBehavior } from '../../../../lambdas/local/stack/local-distribution.ts';
import { behaviorFor } from '../../../../lambdas/local/stack/local-distribution.ts';
import { createLocalExecutions } from '../../../../lambdas/local/stack/local-executions.ts';
import type { ExecutionInput } from '../../../../lambdas/local/stack/local-executions.ts';
import {
  createLocalServer,
  parseExecutionInput,
} from '../../../../lambdas/local/stack/local-server.ts';
import { progressPrinter } from '../../../../lambdas/local/stack/local-stack.ts';
import { siteRewrite } from '../../../../lambdas/local/stack/web-app.ts';
import { SPA_REWRITE_FUNCTION_CODE } from '../../../../lib/web-stack.ts';

/** The distribution's shape: `/api/*` to the function URL, the rest to the site bucket. */
const behaviors: LocalBehavior[] = [
  { pathPattern: '/api/*', originType: 'lambda', viewerRequest: undefined },
  { pathPattern: '*', originType: 's3', viewerRequest: undefined },
];

describe('the local front door', () => {
  const seen: LocalHttpRequest[] = [];
  const runs: ExecutionInput[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createLocalServer({
      isApiPath: (path) => behaviorFor(behaviors, path)?.originType === 'lambda',
      api: async (request) => {
        seen.push(request);
        return { statusCode: 201, headers: [['x-api', 'yes']], body: Buffer.from('api') };
      },
      site: (req, res) => res.end(`site ${req.url}`),
      executions: createLocalExecutions(async (input) => {
        runs.push(input);
        return input.dataset === 'bad'
          ? { status: 'FAILED', error: 'DatasetError', cause: 'bad', failedState: 'Ingest' }
          : { status: 'SUCCEEDED' };
      }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends /api/* paths to the API with the prefix CloudFront keeps, the rest to the site', async () => {
    const api = await fetch(`${base}/api/movies?query=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': '6.6.6.6:1' },
      body: '{"a":1}',
    });
    expect(api.status).toBe(201);
    expect(api.headers.get('x-api')).toBe('yes');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/movies?query=x' });
    expect(seen.at(-1)!.body.toString()).toBe('{"a":1}');
    // CloudFront's own CloudFront-Viewer-Address replaces one the caller sent.
    const viewer = seen
      .at(-1)!
      .rawHeaders.filter(
        (_, i, all) => all[i - 1]?.toLowerCase() === 'cloudfront-viewer-address' && i % 2 === 1,
      );
    expect(viewer).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/)]);
    expect(await (await fetch(`${base}/apiary`)).text()).toBe('site /apiary');
    // `/api` itself is no `/api/*` path: CloudFront serves it from the site.
    expect(await (await fetch(`${base}/api`)).text()).toBe('site /api');
  });

  it("answers 413 with the API's error body above a function URL's 6 MB", async () => {
    const calls = seen.length;
    const response = await fetch(`${base}/api/recommendations`, {
      method: 'POST',
      body: Buffer.alloc(6 * 1024 * 1024 + 1, 97),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(seen.length).toBe(calls);
  });

  it('starts pipeline runs and reports their status without internal fields', async () => {
    const started = await fetch(`${base}/_local/pipeline/executions`, {
      method: 'POST',
      body: '{"dataset":"bad","force":true}',
    });
    expect(started.status).toBe(202);
    const { executionId } = (await started.json()) as { executionId: string };
    let body: unknown;
    for (let i = 0; i < 50; i++) {
      body = await (await fetch(`${base}/_local/pipeline/executions/${executionId}`)).json();
      if ((body as { status: string }).status !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(body).toEqual({ status: 'FAILED', error: 'DatasetError', cause: 'bad' });
    expect(runs.at(-1)).toEqual({ dataset: 'bad', force: true });

    const unknown = await fetch(`${base}/_local/pipeline/executions/nope`);
    expect(unknown.status).toBe(404);
    const invalid = await fetch(`${base}/_local/pipeline/executions`, {
      method: 'POST',
      body: '{"force":"yes"}',
    });
    expect(invalid.status).toBe(400);
  });
});

describe('parseExecutionInput', () => {
  it('accepts only force and dataset', () => {
    expect(parseExecutionInput('{}')).toEqual({});
    expect(parseExecutionInput('{"dataset":"ml-25m"}')).toEqual({ dataset: 'ml-25m' });
    expect(() => parseExecutionInput('{"datset":"x"}')).toThrow('Unknown field(s): datset.');
    expect(() => parseExecutionInput('[1]')).toThrow('JSON object');
    expect(() => parseExecutionInput('{')).toThrow('not JSON');
  });
});

describe('siteRewrite', () => {
  it("runs the viewer-request function of the distribution's default behaviour", () => {
    const rewrite = siteRewrite([
      {
        pathPattern: '/api/*',
        originType: 'lambda',
        viewerRequest: ({ request }) => ({ ...request, uri: '/wrong' }),
      },
      {
        pathPattern: '*',
        originType: 's3',
        viewerRequest: new Function(`${SPA_REWRITE_FUNCTION_CODE}\nreturn handler;`)(),
      },
    ]);
    expect(rewrite('/movies/12')).toBe('/index.html');
    expect(rewrite('/assets/app-1a2b.js')).toBe('/assets/app-1a2b.js');
    expect(siteRewrite([])('/movies/12')).toBe('/movies/12');
  });
});

describe('progressPrinter', () => {
  it('prints each state with the run and state seconds, one line per finished map item', () => {
    let now = 0;
    const lines: string[] = [];
    const print = progressPrinter(
      (line) => lines.push(line),
      () => now,
    );
    print({ state: 'Ingest dataset', status: 'entered' });
    now = 1500;
    print({ state: 'Ingest dataset', status: 'succeeded' });
    print({ state: 'Score shard', status: 'entered', detail: 'item 1/2' });
    now = 2000;
    print({ state: 'Score shard', status: 'succeeded', detail: 'item 1/2' });
    print({ state: 'Train', status: 'entered' });
    now = 2500;
    print({ state: 'Train', status: 'progress', detail: 'rating model epoch 2/20' });
    print({ state: 'Train', status: 'failed', detail: 'RangeError: no ratings' });
    print({ state: 'Train', status: 'succeeded' });
    expect(lines).toEqual([
      '   0.0 s  start Ingest dataset',
      '   1.5 s  done Ingest dataset (1.5 s)',
      '   2.0 s  done Score shard item 1/2',
      '   2.0 s  start Train',
      '   2.5 s  Train: rating model epoch 2/20',
      '   2.5 s  failed Train: RangeError: no ratings',
    ]);
  });
});
