import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LocalFunction } from './local-function.ts';
import { lambdaResourceLimits } from './lambda-resource-limits.ts';
import { containerEnvironment } from './pipeline-environment.ts';
import type {
  InvokeMessage,
  InvokeReply,
  LogMessage,
  MemoryPeaks,
  StartedMessage,
} from './pipeline-lambda-worker.ts';
import { parseTaskLogLine } from './task-log-line.ts';

/**
 * Worker threads standing in for Lambda containers during one local pipeline run: per function,
 * a warm worker is reused for the next invocation and a new one starts when all are busy (a
 * Distributed Map's children run side by side). Each gets this process's environment plus the
 * function's variables (containerEnvironment). Their logs are read here, as CloudWatch would
 * get them: a progress line goes to the invocation's `onProgress`, any other line to stdout if
 * its level is at least this process's (AWS_LAMBDA_LOG_LEVEL; the workers log from INFO up so
 * that progress is written at all). Each function's template limits hold as on Lambda: its heap
 * follows its `MemorySize` (lambdaResourceLimits) and an invocation running past its `Timeout`
 * fails with `Sandbox.Timedout`, its worker terminated. `onUsage` hears what each completed
 * invocation took: seconds from the handler's start, the worker's memory peaks and the result. `close`
 * terminates them all.
 */
export class LambdaContainers {
  private readonly idle = new Map<string, Worker[]>();
  private readonly all = new Set<Worker>();
  /** Where each busy worker's progress lines go. */
  private readonly progressOf = new Map<Worker, (text: string) => void>();
  private readonly shownLevel = (
    process.env.AWS_LAMBDA_LOG_LEVEL ??
    process.env.POWERTOOLS_LOG_LEVEL ??
    'INFO'
  ).toUpperCase();
  private closed = false;

  async invoke(
    fn: LocalFunction,
    event: unknown,
    onProgress: (text: string) => void = () => undefined,
    onUsage?: (usage: { seconds: number; memory: MemoryPeaks; result: unknown }) => void,
  ): Promise<unknown> {
    const key = `${fn.stackName}/${fn.logicalId}`;
    const worker = this.idle.get(key)?.pop() ?? this.start(fn);
    this.progressOf.set(worker, onProgress);
    const requestId = randomUUID();
    let startedAt = performance.now();
    const reply = await new Promise<InvokeReply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onMessage = (message: InvokeReply | StartedMessage) => {
        if (message.requestId !== requestId) return;
        if ('started' in message) {
          startedAt = performance.now();
          timer = setTimeout(() => {
            cleanup();
            reject(timedOut(fn, requestId));
          }, fn.timeoutSeconds * 1000);
          return;
        }
        cleanup();
        resolve(message);
      };
      const onError = (error: Error & { code?: string }) => {
        cleanup();
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? outOfMemory(fn, requestId)
            : crashed(fn, error.message),
        );
      };
      const onExit = (code: number) => {
        cleanup();
        reject(crashed(fn, `the worker exited with code ${code}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ requestId, event } satisfies InvokeMessage);
    })
      .catch((error: unknown) => {
        // As Lambda discards the environment of a failed runtime or a timed-out invocation.
        this.all.delete(worker);
        void worker.terminate();
        throw error;
      })
      .finally(() => this.progressOf.delete(worker));
    const idle = this.idle.get(key) ?? [];
    idle.push(worker);
    this.idle.set(key, idle);
    onUsage?.({
      seconds: (performance.now() - startedAt) / 1000,
      memory: reply.memory,
      result: reply.ok ? reply.result : undefined,
    });
    if (reply.ok) return reply.result;
    const error = new Error(reply.message);
    error.name = reply.name;
    throw error;
  }

  /**
   * Starts a container for each of `fns`, one after the other (each once the previous has
   * loaded its module), so cold starts overlap the states before them without crowding the CPU.
   */
  async prewarm(fns: Iterable<LocalFunction>): Promise<void> {
    for (const fn of fns) {
      if (this.closed) return;
      const key = `${fn.stackName}/${fn.logicalId}`;
      if ((this.idle.get(key)?.length ?? 0) > 0) continue;
      const worker = this.start(fn);
      this.idle.set(key, [...(this.idle.get(key) ?? []), worker]);
      await new Promise<void>((resolve) => {
        const done = () => {
          worker.off('message', onMessage);
          worker.off('exit', done);
          resolve();
        };
        const onMessage = (message: { ready?: boolean }) => {
          if (message.ready !== undefined) done();
        };
        worker.on('message', onMessage);
        worker.on('exit', done);
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    this.all.clear();
    this.idle.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private start(fn: LocalFunction): Worker {
    // Worker threads do not inherit the parent's loader hooks on Node 20: register tsx first.
    const tsx = import.meta.resolve('tsx/esm/api');
    const script = new URL('./pipeline-lambda-worker.ts', import.meta.url).href;
    const bootstrap =
      `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); ` +
      `return import(${JSON.stringify(script)}); });`;
    const verbose = this.shownLevel === 'TRACE' || this.shownLevel === 'DEBUG';
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: fn,
      env: {
        ...containerEnvironment(fn.environment),
        AWS_LAMBDA_LOG_LEVEL: verbose ? this.shownLevel : 'INFO',
      },
      resourceLimits: lambdaResourceLimits(fn.memoryMb),
    });
    let pending = '';
    worker.on('message', (message: Partial<LogMessage>) => {
      if (message.stdout === undefined) return;
      const lines = (pending + message.stdout).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const sorted = parseTaskLogLine(line, this.shownLevel);
        if (sorted.kind === 'progress') this.progressOf.get(worker)?.(sorted.text);
        else if (sorted.show) process.stdout.write(`${line}\n`);
      }
    });
    this.all.add(worker);
    // A container that fails while idle is dropped; the next invocation starts a fresh one.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.all.delete(worker);
      for (const idle of this.idle.values()) {
        const at = idle.indexOf(worker);
        if (at >= 0) idle.splice(at, 1);
      }
    });
    return worker;
  }
}

/** An invocation that outlasted the function's `Timeout`: Lambda's error type and message. */
function timedOut(fn: LocalFunction, requestId: string): Error {
  const error = new Error(
    `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds (${fn.logicalId})`,
  );
  error.name = 'Sandbox.Timedout';
  return error;
}

/** A handler that outgrew the heap of its `MemorySize`: Lambda kills the runtime and says why. */
function outOfMemory(fn: LocalFunction, requestId: string): Error {
  const error = new Error(
    `RequestId: ${requestId} Error: Runtime exited with error: out of memory (${fn.logicalId}, MemorySize ${fn.memoryMb} MB)`,
  );
  error.name = 'Runtime.OutOfMemory';
  return error;
}

/** A container that died mid-invocation: Lambda reports these as a runtime exit. */
function crashed(fn: LocalFunction, detail: string): Error {
  const error = new Error(`${fn.logicalId}: ${detail}`);
  error.name = 'Runtime.ExitError';
  return error;
}
