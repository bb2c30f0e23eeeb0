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

/**
 * Only the events that reach another tenth of their step (a step's first event included, and
 * the first of each new pass over it, when `done` goes back): a log line per tenth, not one
 * per epoch row.
 */
export function everyTenth(onProgress: OnProgress): OnProgress {
  const last = new Map<string, { tenth: number; done: number }>();
  return (event) => {
    const tenth = event.total > 0 ? Math.floor((10 * event.done) / event.total) : 0;
    const previous = last.get(event.step);
    last.set(event.step, { tenth, done: event.done });
    if (previous?.tenth === tenth && event.done >= previous.done) return;
    onProgress(event);
  };
}

/** The events of `onProgress` with their step named `${label} ${step}` ("rating model epoch"). */
export function labelled(onProgress: OnProgress, label: string): OnProgress {
  return (event) => onProgress({ ...event, step: `${label} ${event.step}` });
}
