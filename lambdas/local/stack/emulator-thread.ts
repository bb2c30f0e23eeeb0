/**
 * Worker-thread entry of {@link startEmulatorsInThread}: runs dynalite and s3rver here so their
 * LevelDB, JSON and XML work uses the second core instead of the API's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulators } from './emulators.ts';

const { stateDir, ports } = workerData as {
  stateDir: string;
  ports: { dynamodb: number; s3: number };
};
const port = parentPort!;
try {
  const emulators = await startEmulators(stateDir, ports);
  port.once('message', () => {
    void emulators.close().then(
      () => port.postMessage({ closed: true }),
      (error: unknown) => port.postMessage({ closed: true, error: String(error) }),
    );
  });
  port.postMessage({
    dynamodbEndpoint: emulators.dynamodbEndpoint,
    s3Endpoint: emulators.s3Endpoint,
  });
} catch (error) {
  const { code, message } = error as NodeJS.ErrnoException;
  port.postMessage({ error: { code, message } });
}
