/**
 * Long core computations report progress through this callback, so the edges decide how to show
 * it (a bar on a TTY, a log line in Lambda, nothing under --json) while the core stays pure.
 */
export interface ProgressEvent {
  /** Short label of the step, e.g. "load ratings", "epoch", "fold". */
  step: string;
  done: number;
  total: number;
  /** Optional figures worth showing next to the bar, e.g. { loss: 0.81 }. */
  detail?: Record<string, number>;
}

export type OnProgress = (event: ProgressEvent) => void;
