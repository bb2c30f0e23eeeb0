import { useEffect, useState } from 'preact/hooks';
import { readStored, STORAGE_KEYS, writeStored } from './storage.ts';

export type Theme = 'dark' | 'light';

/** Dark unless the visitor chose light (persisted). */
export function storedTheme(): Theme {
  return readStored(STORAGE_KEYS.theme) === 'light' ? 'light' : 'dark';
}

/** Applied before the first render (main.tsx) so there is no flash of the wrong theme. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

const listeners = new Set<(theme: Theme) => void>();

export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    listeners.add(setTheme);
    return () => listeners.delete(setTheme);
  }, []);
  const change = (next: Theme) => {
    writeStored(STORAGE_KEYS.theme, next);
    applyTheme(next);
    for (const listener of listeners) listener(next);
  };
  return [theme, change];
}
