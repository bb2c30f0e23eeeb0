import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./load-server.ts', import.meta.url));

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The data bucket on the stack's S3 emulator (RunningLocalStack.dataBucket). */
  dataBucket: { endpoint: string; name: string };
  close(): Promise<void>;
}

/**
 * Starts the local stack in a child process (load-server.ts, fresh in `stateDir`, with `env`
 * added to this process's environment) and resolves with its URL once a model is live. Anything
 * else the child prints on stdout goes to stderr; stdout is drained throughout so the server
 * never blocks on a full pipe.
 */
export async function startServerProcess(
  stateDir: string,
  options: { site?: boolean; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const args = ['--import', 'tsx', SERVER, stateDir, ...(options.site === true ? ['--site'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    // Extra variables reach the API handler too (e.g. a profile limit raised for the bench).
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = await new Promise<Omit<ServerProcess, 'close'>>((resolve, reject) => {
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith('{"url":')) resolve(JSON.parse(line) as Omit<ServerProcess, 'close'>);
        else process.stderr.write(`${line}\n`);
      }
    });
    void exited.then((code) =>
      reject(new Error(`the local stack process exited with code ${code} before it was ready`)),
    );
  });
  return { ...ready, close: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
