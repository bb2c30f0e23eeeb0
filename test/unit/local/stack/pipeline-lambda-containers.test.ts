import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../../../lambdas/local/stack/local-function.ts';
import { LambdaContainers } from '../../../../lambdas/local/stack/pipeline-lambda-containers.ts';

let dir: string;
const containers = new LambdaContainers();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lambda-containers-'));
  // Reports progress, then holds its event loop as training does, then reports again.
  await writeFile(
    join(dir, 'busy.mjs'),
    `const progress = (done) => console.log(JSON.stringify({
  level: 'INFO', message: 'progress', step: 'epoch', done, total: 2, loss: 0.5 }));
export async function handler(event) {
  progress(1);
  const until = Date.now() + event.busyMs;
  while (Date.now() < until) {}
  progress(2);
  console.log(JSON.stringify({ level: 'INFO', message: 'not progress' }));
  return { level: process.env.AWS_LAMBDA_LOG_LEVEL };
}`,
  );
  await writeFile(
    join(dir, 'sleepy.mjs'),
    `export async function handler(event) {
  await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return { slept: event.sleepMs };
}`,
  );
  // Holds a typed array across an await, as a step holding a dataset does.
  await writeFile(
    join(dir, 'holding.mjs'),
    `export async function handler(event) {
  const held = new Float64Array(event.mb * 131072).fill(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { sum: held.length };
}`,
  );
  // Keeps every array it makes reachable, as a step holding too much data would.
  await writeFile(
    join(dir, 'hungry.mjs'),
    `export async function handler(event) {
  const kept = [];
  for (let mb = 0; mb < event.mb; mb++) kept.push(Array.from({ length: 131072 }, (_, i) => i + 0.5));
  return { kept: kept.length };
}`,
  );
});

afterAll(async () => {
  await containers.close();
  await rm(dir, { recursive: true, force: true });
});

const fn = (name: string, limits: Partial<LocalFunction> = {}): LocalFunction => ({
  stackName: 'Unit',
  logicalId: name,
  name,
  arn: `arn:aws:lambda:eu-west-1:111111111111:function:${name}`,
  entry: join(dir, `${name}.mjs`),
  exportName: 'handler',
  environment: {},
  timeoutSeconds: 30,
  memoryMb: 256,
  ...limits,
});
const busy = (): LocalFunction => fn('busy');

describe('LambdaContainers', () => {
  it("delivers a worker's progress lines while its handler holds the event loop", async () => {
    const reports: { text: string; at: number }[] = [];
    const result = await containers.invoke(busy(), { busyMs: 1500 }, (text) =>
      reports.push({ text, at: Date.now() }),
    );
    const finished = Date.now();
    expect(reports.map((r) => r.text)).toEqual(['epoch 1/2 (loss 0.5)', 'epoch 2/2 (loss 0.5)']);
    // The first line came during the busy 1.5 s, not with the answer.
    expect(finished - reports[0]!.at).toBeGreaterThan(750);
    // Workers log from INFO up so that progress is written at all.
    expect(result).toEqual({ level: 'INFO' });
  });

  it("reports each invocation's time, memory peaks and result to onUsage", async () => {
    const usages: {
      seconds: number;
      memory: { external: number; total: number };
      result: unknown;
    }[] = [];
    const result = await containers.invoke(fn('holding'), { mb: 64 }, undefined, (usage) =>
      usages.push(usage),
    );
    expect(result).toEqual({ sum: 64 * 131072 });
    expect(usages).toHaveLength(1);
    const [usage] = usages;
    expect(usage!.result).toEqual(result);
    expect(usage!.seconds).toBeGreaterThanOrEqual(0.3);
    // The 64 MB array lives outside the heap, and the sampler saw it while it was held.
    expect(usage!.memory.external).toBeGreaterThanOrEqual(64 * 2 ** 20);
    expect(usage!.memory.total).toBeGreaterThanOrEqual(usage!.memory.external);
  });

  it('fails an invocation that outlasts the Timeout with Sandbox.Timedout, as Lambda does', async () => {
    const sleepy = fn('sleepy', { timeoutSeconds: 1 });
    await expect(containers.invoke(sleepy, { sleepMs: 2000 })).rejects.toMatchObject({
      name: 'Sandbox.Timedout',
      message: expect.stringContaining('Task timed out after 1.00 seconds'),
    });
    // Within the limit, the next invocation runs in a fresh container.
    await expect(containers.invoke(sleepy, { sleepMs: 10 })).resolves.toEqual({ slept: 10 });
  });

  it('fails a handler that outgrows its MemorySize with Runtime.OutOfMemory', async () => {
    // 128 numbers per KB of doubles: 200 × 1 MB of live arrays is well past a 128 MB function's heap.
    const hungry = fn('hungry', { memoryMb: 128 });
    await expect(containers.invoke(hungry, { mb: 200 })).rejects.toMatchObject({
      name: 'Runtime.OutOfMemory',
      message: expect.stringContaining('MemorySize 128 MB'),
    });
    // The same allocation fits a function configured with enough memory.
    await expect(containers.invoke(fn('hungry', { memoryMb: 1024 }), { mb: 200 })).resolves.toEqual(
      {
        kept: 200,
      },
    );
  });
});
