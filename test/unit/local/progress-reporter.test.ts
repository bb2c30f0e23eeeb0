import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../../lambdas/local/progress-reporter.ts';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string } {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  Object.assign(stream, { isTTY, columns: 100 });
  return {
    stream: stream as unknown as NodeJS.WriteStream,
    output: () => Buffer.concat(chunks).toString('utf8'),
  };
}

function drive(stream: NodeJS.WriteStream, enabled?: boolean): void {
  const reporter = createProgressReporter({ stream, enabled });
  for (let done = 0; done <= 3; done++)
    reporter.onProgress({ step: 'epoch', done, total: 3, detail: { loss: 0.5 } });
  reporter.onProgress({ step: 'fold', done: 1, total: 5 });
  reporter.stop();
}

describe('createProgressReporter', () => {
  it('prints nothing when the stream is not a TTY', async () => {
    const { stream, output } = fakeStream(false);
    drive(stream);
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toBe('');
  });

  it('prints nothing when disabled (--json), even on a TTY', async () => {
    const { stream, output } = fakeStream(true);
    drive(stream, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toBe('');
  });

  it('draws a bar per step on a TTY', async () => {
    const { stream, output } = fakeStream(true);
    drive(stream);
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toContain('epoch');
  });
});
