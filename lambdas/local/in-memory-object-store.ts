import type { ObjectStore } from '../app/pipeline/object-store.ts';

/** The data bucket as a Map: unit tests and in-process runs of the pipeline use-cases. */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();

  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.objects.get(key));
  }

  put(key: string, body: Uint8Array): Promise<void> {
    // A copy, as S3 would keep: later changes to the caller's buffer must not leak in.
    this.objects.set(key, body.slice());
    return Promise.resolve();
  }

  list(prefix: string): Promise<string[]> {
    return Promise.resolve(this.keys(prefix));
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
}
