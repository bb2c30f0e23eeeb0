import { randomUUID } from 'node:crypto';

/** Input of a pipeline run started through `POST /_local/pipeline/executions`. */
export interface ExecutionInput {
  dataset?: string;
  force?: boolean;
}

export interface ExecutionStatus {
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  error?: string;
  cause?: string;
  /** The first state that failed (for messages; not part of the HTTP answer). */
  failedState?: string;
}

export interface LocalExecutions {
  /** Queues a run and returns its id at once. */
  start(input: ExecutionInput): string;
  get(id: string): ExecutionStatus | undefined;
  /** Resolves when every queued run has ended. */
  idle(): Promise<void>;
}

/**
 * Pipeline runs started in the background, one at a time: on one machine two trainings would
 * only slow each other down, so a second run waits for the first (and shows RUNNING meanwhile).
 */
export function createLocalExecutions(
  run: (input: ExecutionInput) => Promise<ExecutionStatus>,
): LocalExecutions {
  const executions = new Map<string, ExecutionStatus>();
  let queue: Promise<void> = Promise.resolve();
  return {
    start(input) {
      const id = randomUUID();
      executions.set(id, { status: 'RUNNING' });
      queue = queue.then(async () => {
        try {
          executions.set(id, await run(input));
        } catch (error) {
          executions.set(id, {
            status: 'FAILED',
            error: error instanceof Error ? error.name : 'Error',
            cause: error instanceof Error ? error.message : String(error),
          });
        }
      });
      return id;
    },
    get: (id) => executions.get(id),
    idle: () => queue,
  };
}
