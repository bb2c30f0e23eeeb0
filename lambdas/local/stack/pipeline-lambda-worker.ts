/**
 * One local "Lambda container": a worker thread that imports a function's handler module once
 * and then runs one invocation per message, as a warm Lambda would. The worker has its own copy
 * of the environment (the function's variables), so functions never see each other's settings,
 * and a CPU-bound step (training) never blocks the local server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from './local-function.ts';
import { lambdaContext } from './local-function.ts';

export interface InvokeMessage {
  requestId: string;
  event: unknown;
}

/** Sent when the handler starts (its module loaded): the function's timeout runs from here. */
export type StartedMessage = { requestId: string; started: true };

/** Peaks of this worker's heap in use, its memory outside the heap, and their sum, in bytes. */
export interface MemoryPeaks {
  heap: number;
  external: number;
  total: number;
}

export type InvokeReply =
  | { requestId: string; ok: true; result: unknown; memory: MemoryPeaks }
  | { requestId: string; ok: false; name: string; message: string; memory: MemoryPeaks };

export type LogMessage = { stdout: string };

const fn = workerData as LocalFunction;
const port = parentPort!;

// A worker's own stdout waits for the parent's go-ahead after each write, which it cannot hear
// while a CPU-bound handler (training) holds its event loop: every line would arrive at the
// end. A message is posted at once, so log lines (and progress) reach the parent as written.
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  port.postMessage({ stdout: text } satisfies LogMessage);
  const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
  callback?.();
  return true;
}) as typeof process.stdout.write;

const loading = import(pathToFileURL(fn.entry).href).then((module: Record<string, unknown>) => {
  const handler = module[fn.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${fn.entry} does not export a function "${fn.exportName}"`);
  }
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
});
// Failures to load surface on the first invocation, as a Lambda's init error does.
loading.then(
  () => port.postMessage({ ready: true }),
  () => port.postMessage({ ready: false }),
);

/**
 * Samples this isolate's memory every 100 ms until stopped (and once more then). Timers run on
 * the worker's event loop, so the samples fall between the handler's synchronous stretches.
 */
function sampleMemory(): () => MemoryPeaks {
  const peaks: MemoryPeaks = { heap: 0, external: 0, total: 0 };
  const sample = () => {
    const { heapUsed, external } = process.memoryUsage();
    peaks.heap = Math.max(peaks.heap, heapUsed);
    peaks.external = Math.max(peaks.external, external);
    peaks.total = Math.max(peaks.total, heapUsed + external);
  };
  sample();
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    return peaks;
  };
}

port.on('message', (message: InvokeMessage) => {
  void (async () => {
    const stopSampling = sampleMemory();
    try {
      const handler = await loading;
      port.postMessage({ requestId: message.requestId, started: true } satisfies StartedMessage);
      const context = lambdaContext(fn, message.requestId, Date.now() + fn.timeoutSeconds * 1000);
      const result = await handler(message.event, context);
      // As Lambda does: the result goes out as JSON.
      const json = JSON.stringify(result ?? null);
      port.postMessage({
        requestId: message.requestId,
        ok: true,
        result: JSON.parse(json),
        memory: stopSampling(),
      } satisfies InvokeReply);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        requestId: message.requestId,
        ok: false,
        name: failure.name,
        message: failure.message,
        memory: stopSampling(),
      } satisfies InvokeReply);
    }
  })();
});
