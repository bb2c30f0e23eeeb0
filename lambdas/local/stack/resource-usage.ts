/**
 * What one task of a local pipeline run used, beside the limits its template gives it: a
 * Lambda invocation's time and memory against its `Timeout` and `MemorySize`, a Fargate task's
 * time and peak resident memory against its task definition's `Memory`.
 */
export type ResourceUsage = LambdaUsage | TaskUsage;

export interface LambdaUsage {
  kind: 'lambda';
  state: string;
  /** The function's logical id. */
  function: string;
  memoryMb: number;
  timeoutSeconds: number;
  seconds: number;
  /**
   * Peaks of the worker's own V8 heap in use and of its memory outside the heap (typed arrays'
   * backing stores, buffers), and of their sum, sampled every 100 ms while the handler runs and
   * once as it returns. The worker's event loop takes the samples, so a peak inside a long
   * synchronous stretch that is freed before the next await is missed.
   */
  peakHeapBytes: number;
  peakExternalBytes: number;
  peakBytes: number;
  /** What the handler returned (undefined when it failed). */
  result: unknown;
}

export interface TaskUsage {
  kind: 'task';
  state: string;
  /** The task definition's family. */
  family: string;
  memoryMiB: number | undefined;
  seconds: number;
  /** The task process's peak resident set (Linux VmHWM, sampled until it exits); null elsewhere. */
  peakRssBytes: number | null;
}
