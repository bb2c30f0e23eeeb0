import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticDataset } from '../../lambdas/core/dataset/synthetic-dataset.ts';
import { startLocalStack } from '../../lambdas/local/stack/local-stack.ts';
import type { RunningLocalStack } from '../../lambdas/local/stack/local-stack.ts';
import { writeMovieLensCsv } from '../../lambdas/local/write-movielens.ts';

const CLI = fileURLToPath(new URL('../../bin/movierec.js', import.meta.url));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `movierec start` as a child process (a fresh process is what a restart is, and each process
 * holds its own SDK clients, as each Lambda container does): resolves with the ready URL once
 * it prints the ready line, or with the exit when it stops first.
 */
function startCli(args: string[]): Promise<{ url?: string; run: Promise<CliRun>; stop(): void }> {
  const child = spawn(process.execPath, [CLI, 'start', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '' },
  });
  let stdout = '';
  let stderr = '';
  const run = new Promise<CliRun>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /MovieRec is ready at (http:\/\/\S+)/.exec(stdout);
      if (ready !== null) resolve({ url: ready[1]!, run, stop: () => child.kill('SIGINT') });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void run.then(() => resolve({ run, stop: () => undefined }));
  });
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('the local stack', () => {
  let work: string;
  let dataset: string;
  let stack: RunningLocalStack | undefined;
  const lines: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'movierec-local-stack-'));
    dataset = join(work, 'tiny-movielens');
    await writeMovieLensCsv(
      generateSyntheticDataset({ users: 60, items: 40, ratings: 1200, seed: 11 }),
      dataset,
    );
  });

  afterAll(async () => {
    await stack?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('trains on first start, serves the API, and a restart keeps the model', async () => {
    const stateDir = join(work, 'state');
    stack = await startLocalStack({
      stateDir,
      port: 0,
      dataset,
      siteDir: null,
      log: (line) => lines.push(line),
    });
    expect(stack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(lines.join('\n')).toMatch(/start Train on Lambda/);

    const health = await getJson(`${stack.apiUrl}/health`);
    expect(health.status).toBe(200);
    const model = (health.body as { model: { version: string } | null }).model;
    expect(model?.version).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);

    const popular = await getJson(`${stack.apiUrl}/popular?limit=3`);
    expect(popular.status).toBe(200);
    expect(JSON.stringify(popular.body)).toMatch(/movieId/);
    const missing = await getJson(`${stack.apiUrl}/no-such-route`);
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'route_not_found' } } });

    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/\/api\/openapi\.json/);

    // A pipeline run through the loopback endpoint, started and watched as a tool would.
    const started = await fetch(`${stack.url}/_local/pipeline/executions`, {
      method: 'POST',
      body: JSON.stringify({ dataset: 'not-a-dataset' }),
    });
    expect(started.status).toBe(202);
    const { executionId } = (await started.json()) as { executionId: string };
    let status: { status: string; cause?: string } = { status: 'RUNNING' };
    for (let i = 0; i < 100 && status.status === 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await getJson(`${stack.url}/_local/pipeline/executions/${executionId}`))
        .body as typeof status;
    }
    expect(status.status).toBe('FAILED');
    expect(status.cause).toMatch(/not-a-dataset/);

    await stack.close();

    // Again in this process: the same state, no training, the same model.
    const restartLines: string[] = [];
    stack = await startLocalStack({
      stateDir,
      port: 0,
      siteDir: null,
      log: (line) => restartLines.push(line),
    });
    expect(restartLines.join('\n')).not.toMatch(/Train on Lambda|training one/);
    const same = await getJson(`${stack.apiUrl}/health`);
    expect((same.body as { model: { version: string } }).model.version).toBe(model!.version);
    await expect(startLocalStack({ stateDir, port: 0 })).rejects.toThrow(/already running/);
    await stack.close();
    stack = undefined;

    // The restart: a new process on the same state finds the model live and does not train.
    const restart = await startCli(['--port', '0', '--state-dir', stateDir]);
    try {
      if (restart.url === undefined) {
        throw new Error(`the restart did not get ready: ${(await restart.run).stderr}`);
      }
      const again = await getJson(`${restart.url.replace('localhost', '127.0.0.1')}/api/health`);
      expect((again.body as { model: { version: string } }).model.version).toBe(model!.version);
    } finally {
      restart.stop();
    }
    const exit = await restart.run;
    expect(exit.code).toBe(0);
    expect(exit.stderr).toMatch(new RegExp(`Model ${model!.version} is live`));
    expect(exit.stderr).not.toMatch(/Train on Lambda|training one/);
  }, 240_000);

  it('stops with a one-line message naming the port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await startCli(['--port', String(port), '--state-dir', join(work, 'state')]);
      expect(result.url).toBeUndefined();
      const exit = await result.run;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toMatch(new RegExp(`port ${port} is already in use.*--port`));
      expect(exit.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
