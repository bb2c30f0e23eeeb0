import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);

/** dynalite ships no types: it returns an http.Server whose close() also closes its LevelDB. */
type Dynalite = (options: { path?: string; createTableMs?: number }) => Server;

/** s3rver checks request signatures against these fixed credentials (docs/architecture.md §9). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RunningEmulators {
  /** http://127.0.0.1:<port> of dynalite. */
  dynamodbEndpoint: string;
  /** http://127.0.0.1:<port> of s3rver. */
  s3Endpoint: string;
  close(): Promise<void>;
}

/**
 * DynamoDB (dynalite, LevelDB on disk) and S3 (s3rver, plain files) in this process, on free
 * loopback ports (or the given ones), with their state under `stateDir` so a restart finds the
 * tables, the objects and the live model where it left them.
 */
export async function startEmulators(
  stateDir: string,
  ports: { dynamodb: number; s3: number } = { dynamodb: 0, s3: 0 },
): Promise<RunningEmulators> {
  const dynamodbDir = join(stateDir, 'dynamodb');
  const s3Dir = join(stateDir, 's3');
  await mkdir(dynamodbDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });

  const dynalite = (require('dynalite') as Dynalite)({ path: dynamodbDir, createTableMs: 0 });
  await listen(dynalite, ports.dynamodb);
  let s3: S3rver | undefined;
  try {
    s3 = new S3rver({ address: '127.0.0.1', port: ports.s3, silent: true, directory: s3Dir });
    const address = await s3.run();
    return {
      dynamodbEndpoint: `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`,
      s3Endpoint: `http://127.0.0.1:${address.port}`,
      close: async () => {
        await Promise.all([closeServer(dynalite), closeS3(s3!)]);
      },
    };
  } catch (error) {
    await closeServer(dynalite);
    throw error;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Closes a server without waiting for the SDK clients' idle keep-alive sockets to time out. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

async function closeS3(s3: S3rver): Promise<void> {
  const server = (s3 as unknown as { httpServer?: Server }).httpServer;
  const closing = s3.close();
  server?.closeIdleConnections();
  await closing;
}

/**
 * {@link startEmulators} on a worker thread: the same servers and state, with their CPU work off
 * the caller's event loop (under load the emulators cost more CPU than the API handler).
 * Worker threads do not inherit the parent's loader hooks on Node 20, so tsx is registered first.
 */
export function startEmulatorsInThread(
  stateDir: string,
  ports: { dynamodb: number; s3: number } = { dynamodb: 0, s3: 0 },
): Promise<RunningEmulators> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./emulator-thread.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`,
    { eval: true, workerData: { stateDir, ports } },
  );
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once(
      'message',
      (message: {
        dynamodbEndpoint?: string;
        s3Endpoint?: string;
        error?: { code?: string; message: string };
      }) => {
        worker.off('error', reject);
        if (message.error !== undefined) {
          void worker.terminate();
          reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
          return;
        }
        resolve({
          dynamodbEndpoint: message.dynamodbEndpoint!,
          s3Endpoint: message.s3Endpoint!,
          close: () =>
            new Promise<void>((done, fail) => {
              worker.once('message', (reply: { error?: string }) => {
                void worker
                  .terminate()
                  .then(() => (reply.error ? fail(new Error(reply.error)) : done()));
              });
              worker.postMessage('close');
            }),
        });
      },
    );
  });
}
