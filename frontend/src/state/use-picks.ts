import { useEffect, useState } from 'preact/hooks';
import { parsePicks, type PickedMovie } from '../view/picked-movies.ts';
import { readStored, STORAGE_KEYS, writeStored } from './storage.ts';

/** The picked movies, persisted in localStorage (and kept in step across tabs). */
export function usePicks(): [
  PickedMovie[],
  (update: (picks: PickedMovie[]) => PickedMovie[]) => void,
] {
  const [picks, setPicks] = useState<PickedMovie[]>(() =>
    parsePicks(readStored(STORAGE_KEYS.picks)),
  );
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEYS.picks) setPicks(parsePicks(event.newValue));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const update = (change: (picks: PickedMovie[]) => PickedMovie[]) => {
    setPicks((current) => {
      const next = change(current);
      writeStored(STORAGE_KEYS.picks, next.length > 0 ? JSON.stringify(next) : null);
      return next;
    });
  };
  return [picks, update];
}
