import { fileURLToPath } from 'node:url';
import type { RunningLocalStack } from '../stack/local-stack.ts';

/**
 * Where `npm start` keeps its state (git-ignored): emulator data and templates. A folder of its
 * own inside .local, so --fresh never touches other tools' files there (bench output, models).
 */
export const LOCAL_STATE_DIR = fileURLToPath(new URL('../../../.local/stack', import.meta.url));

/** The port `npm start` serves on unless --port or PORT says otherwise. */
export const DEFAULT_PORT = 3000;

export interface StartOptions {
  port: number;
  stateDir: string;
  fresh: boolean;
  dataset?: string;
  /** Progress lines (stderr). */
  log: (line: string) => void;
  /** The ready line (stdout). */
  print: (line: string) => void;
}

/**
 * `npm start`: the whole system on this machine (lambdas/local/stack/local-stack.ts), until
 * Ctrl-C or SIGTERM, which close the server and the emulators so their state is kept whole.
 */
export async function start(options: StartOptions): Promise<RunningLocalStack> {
  const { startLocalStack } = await import('../stack/local-stack.ts');
  // Ctrl-C before the stack is up (e.g. while training): nothing was published, so stopping
  // at once is safe; the emulators' files are crash-safe and the live model stays as it was.
  const abort = () => {
    options.log('Stopped before MovieRec was ready; the live model (if any) is unchanged.');
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const stack = await startLocalStack({
    stateDir: options.stateDir,
    port: options.port,
    fresh: options.fresh,
    ...(options.dataset !== undefined && { dataset: options.dataset }),
    log: options.log,
  }).finally(() => {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  });
  const shown = stack.url.replace('127.0.0.1', 'localhost');
  options.print(`MovieRec is ready at ${shown}  (API: /api, docs: /api-docs.html)`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    options.log('Stopping…');
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return stack;
}

/** A port number from --port or PORT: 0–65535 (0 = any free port). */
export function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || value.trim() === '') {
    throw new Error(`${source} must be a port number 0–65535, got "${value}"`);
  }
  return port;
}
