/**
 * localStorage that never throws: private modes and full quotas only lose persistence,
 * never the page.
 */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Persistence is a convenience; the in-memory state stays correct.
  }
}

export const STORAGE_KEYS = {
  picks: 'movierec.picks',
  pendingRatings: 'movierec.pendingRatings',
  profile: 'movierec.profile',
  theme: 'movierec.theme',
  tmdbKey: 'movierec.tmdbKey',
} as const;
