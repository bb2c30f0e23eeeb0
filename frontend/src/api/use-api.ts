import { useEffect, useState } from 'preact/hooks';
import { isAbort } from './api-client.ts';

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; error: Error } | { state: 'done'; data: T };

/**
 * Loads `load` whenever `deps` change; a superseded request is aborted so a slow old answer can
 * never overwrite a newer one.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setValue({ state: 'loading' });
    load(controller.signal).then(
      (data) => setValue({ state: 'done', data }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setValue({
          state: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      },
    );
    return () => controller.abort();
  }, deps);
  return value;
}
