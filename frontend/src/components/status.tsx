import type { Loadable } from '../api/use-api.ts';

/** Loading and error states of a loadable, announced politely; nothing once it is done. */
export function LoadStatus({ value, what }: { value: Loadable<unknown>; what: string }) {
  if (value.state === 'loading') {
    return (
      <p class="status" role="status">
        Loading {what}…
      </p>
    );
  }
  if (value.state === 'error') {
    return (
      <p class="status error" role="alert">
        Could not load {what}: {value.error.message}
      </p>
    );
  }
  return null;
}
