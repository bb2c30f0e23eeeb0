import { availableParallelism } from 'node:os';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

/**
 * A fixed set of worker threads running one worker script. Each worker receives the same init
 * message once (typed arrays over SharedArrayBuffers, so nothing large is copied), then tasks one
 * at a time; `run` resolves with the worker's reply to that task.
 */
export interface WorkerPool<Task, Reply> {
  readonly size: number;
  run(task: Task): Promise<Reply>;
  close(): Promise<void>;
}

/** Workers to use by default: one per core the process may use. */
export const defaultWorkerCount = (): number => availableParallelism();

/**
 * A worker script: its source file, and the name it answers to. A worker module calls
 * `workerInit(name)` at its top level and serves tasks only when that returns its init data.
 */
export interface WorkerScript {
  name: string;
  url: URL;
}

interface WorkerStart {
  movierecWorker: string;
  init: unknown;
}

/**
 * The init data when this thread is a pool worker started for `name`, else undefined. Inside a
 * bundle (Lambda, Fargate task) every worker runs the whole bundle, so each worker module bundled
 * in it asks, and only the one named serves.
 */
export function workerInit<T>(name: string): T | undefined {
  const start = workerData as Partial<WorkerStart> | null;
  return !isMainThread && start?.movierecWorker === name ? (start.init as T) : undefined;
}

/**
 * One worker thread running `script`, `workerInit` giving it `init` (a pool's, or a one-off task's).
 * From the sources (tsx: the CLI, tests, the local stack), a worker starts from an eval'd
 * bootstrap that registers tsx before importing the script, because worker threads do not inherit
 * the parent's loader hooks on Node 20. From an esbuild bundle, where this module is no longer a
 * `.ts` file and the script has no file of its own, the worker runs the bundle itself: the module
 * that imports a worker script must import it for its side effect so that it is bundled.
 */
export function startWorker(script: WorkerScript, init: unknown): Worker {
  const data: WorkerStart = { movierecWorker: script.name, init };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(import.meta.url), { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(script.url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export function createWorkerPool<Task, Reply>(
  script: WorkerScript,
  init: unknown,
  size = defaultWorkerCount(),
): WorkerPool<Task, Reply> {
  const workers = Array.from({ length: size }, () => startWorker(script, init));
  const idle = [...workers];
  const queue: { task: Task; resolve: (reply: Reply) => void; reject: (e: Error) => void }[] = [];
  const pending = new Map<
    Worker,
    { resolve: (reply: Reply) => void; reject: (e: Error) => void }
  >();
  let failure: Error | null = null;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      pending.set(worker, job);
      worker.postMessage(job.task);
    }
  };
  const fail = (error: Error): void => {
    failure ??= error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    for (const job of queue.splice(0)) job.reject(error);
  };
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      const job = pending.get(worker);
      pending.delete(worker);
      idle.push(worker);
      job?.resolve(reply);
      dispatch();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`worker exited with code ${code}`));
    });
  }

  return {
    size,
    run: (task) =>
      new Promise<Reply>((resolve, reject) => {
        if (failure !== null) return reject(failure);
        queue.push({ task, resolve, reject });
        dispatch();
      }),
    close: async () => {
      failure ??= new Error('worker pool closed');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Copies a typed array into shared memory (a no-op view when it already is shared). */
export function toShared<T extends Float32Array | Int32Array | Uint32Array | Float64Array>(
  array: T,
): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const shared = new Ctor(new SharedArrayBuffer(array.byteLength));
  shared.set(array);
  return shared;
}
