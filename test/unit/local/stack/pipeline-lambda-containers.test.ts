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
});

afterAll(async () => {
  await containers.close();
  await rm(dir, { recursive: true, force: true });
});

const busy = (): LocalFunction => ({
  stackName: 'Unit',
  logicalId: 'Busy',
  name: 'busy',
  arn: 'arn:aws:lambda:eu-west-1:111111111111:function:busy',
  entry: join(dir, 'busy.mjs'),
  exportName: 'handler',
  environment: {},
  timeoutSeconds: 30,
  memoryMb: 256,
});

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
});
