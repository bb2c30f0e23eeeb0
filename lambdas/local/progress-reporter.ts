import cliProgress from 'cli-progress';
import type { OnProgress, ProgressEvent } from '../core/progress.ts';

/** Turns the core's progress events into terminal bars; a no-op when nobody is watching. */
export interface ProgressReporter {
  onProgress: OnProgress;
  /** Removes the bars (call before printing results). */
  stop(): void;
}

export interface ProgressReporterOptions {
  /** Defaults to process.stderr: stdout stays clean for results and --json. */
  stream?: NodeJS.WriteStream;
  /** Force bars off (e.g. --json). Bars are also off when the stream is not a TTY. */
  enabled?: boolean;
}

const silent: ProgressReporter = { onProgress: () => {}, stop: () => {} };

/**
 * One bar per step label ("load ratings", "fold", "epoch", ...), so nested steps such as epochs
 * inside folds show as stacked bars that restart rather than as a scrolling log.
 */
export function createProgressReporter(options: ProgressReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.enabled === false || !stream.isTTY) return silent;

  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: '{step} [{bar}] {value}/{total} {detail}',
      barsize: 30,
      // The core runs synchronously, so a Ctrl-C cannot run cleanup: leave the cursor and line
      // wrapping alone rather than risk a terminal without them.
      hideCursor: false,
      linewrap: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let lastDraw = 0;
  const width = (step: string): string => step.padEnd(16).slice(0, 16);

  const onProgress = (event: ProgressEvent): void => {
    const payload = { step: width(event.step), detail: formatDetail(event.detail) };
    const bar = bars.get(event.step);
    if (bar === undefined) {
      bars.set(event.step, multi.create(event.total, event.done, payload));
    } else {
      bar.setTotal(event.total);
      bar.update(event.done, payload);
    }
    // The core runs synchronously, so the bar's own timer never fires mid-step: redraw here,
    // at most every 100 ms (and at once for a new step).
    const now = performance.now();
    if (bar === undefined || now - lastDraw >= 100) {
      lastDraw = now;
      multi.update();
    }
  };
  return { onProgress, stop: () => multi.stop() };
}

function formatDetail(detail: Record<string, number> | undefined): string {
  if (detail === undefined) return '';
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toFixed(4)}`)
    .join(' ');
}
