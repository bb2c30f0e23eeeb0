import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code (and the ECharts it draws with) loads on first visit only, keeping the
 * initial bundle small. Loaded modules are cached by the browser's module map.
 */
export function LazyPage<P extends object>({
  load,
  props,
}: {
  load: () => Promise<{ default: ComponentType<P> }>;
  props: P;
}) {
  const [page, setPage] = useState<{ Component: ComponentType<P> } | { error: Error } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (module) => live && setPage({ Component: module.default }),
      (error: unknown) =>
        live && setPage({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (page === null) {
    return (
      <p class="status" role="status">
        Loading…
      </p>
    );
  }
  if ('error' in page) {
    return (
      <p class="status error" role="alert">
        Could not load this page ({page.error.message}). Reload to try again.
      </p>
    );
  }
  return <page.Component {...props} />;
}
