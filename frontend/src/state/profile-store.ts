import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type ProfileCredentials } from '../api/api-client.ts';
import type { ProfileRating } from '../api/api-types.ts';
import {
  changesBetween,
  parsePending,
  picksFromServer,
  queueChanges,
  settleChange,
  type PendingChange,
} from '../view/pending-ratings.ts';
import { parsePicks, type PickedMovie } from '../view/picked-movies.ts';
import { parseSignInCode, profileIdOf, signInCodeFromHash } from '../view/profile-sign-in.ts';
import { readStored, STORAGE_KEYS, writeStored } from './storage.ts';

/**
 * The visitor's profile on the server and the picks it holds. The first pick creates the
 * profile; each change is written (one request in flight, the latest change per movie wins); a
 * change the API has not confirmed stays queued in localStorage and is retried, so the page
 * works offline and loses nothing. On load the server's ratings replace the local copy.
 * The token is kept in localStorage and sent only in the Authorization header.
 */

/** 'saving' while changes are about to be written or in flight; 'unsaved' while some wait for a retry. */
export type SyncState = 'saved' | 'saving' | 'unsaved';

export interface ProfileState {
  credentials: ProfileCredentials | null;
  picks: PickedMovie[];
  pending: PendingChange[];
  sync: SyncState;
  /** What went wrong with the last save, load or sign-in, for the visitor; null when all is well. */
  problem: string | null;
}

const GONE =
  'Your profile no longer exists (it was forgotten, perhaps on another device): starting afresh.';
const NOT_ACCEPTED =
  'The API no longer accepts this browser’s sign-in code: sign in again or use “Forget me” in Settings.';
/** Retries wait 2, 4, 8 … seconds, at most a minute (or what Retry-After asks). */
const MAX_RETRY_SECONDS = 60;
const RATING_PAUSE_MS = 250;

function parseCredentials(json: string | null): ProfileCredentials | null {
  try {
    const value = JSON.parse(json ?? 'null') as Partial<ProfileCredentials> | null;
    if (typeof value?.profileId === 'string' && typeof value.token === 'string') {
      return { profileId: value.profileId, token: value.token };
    }
  } catch {
    // A malformed entry is no profile.
  }
  return null;
}

function fromStorage(): Pick<ProfileState, 'credentials' | 'picks' | 'pending'> {
  return {
    credentials: parseCredentials(readStored(STORAGE_KEYS.profile)),
    picks: parsePicks(readStored(STORAGE_KEYS.picks)),
    pending: parsePending(readStored(STORAGE_KEYS.pendingRatings)),
  };
}

const initial = fromStorage();
let state: ProfileState = {
  ...initial,
  sync: initial.pending.length > 0 ? 'unsaved' : 'saved',
  problem: null,
};
const listeners = new Set<(state: ProfileState) => void>();
/** Bumped whenever the profile changes (sign-in, forget me, gone): older answers are ignored. */
let epoch = 0;
/** Bumped on each confirmed write: a ratings list read before it may be missing that write. */
let writes = 0;
let flushing = false;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let pauseTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: Partial<ProfileState>): void {
  state = { ...state, ...next };
  if ('credentials' in next) {
    writeStored(STORAGE_KEYS.profile, state.credentials && JSON.stringify(state.credentials));
  }
  if (next.picks) {
    writeStored(STORAGE_KEYS.picks, state.picks.length > 0 ? JSON.stringify(state.picks) : null);
  }
  if (next.pending) {
    const pending = state.pending.length > 0 ? JSON.stringify(state.pending) : null;
    writeStored(STORAGE_KEYS.pendingRatings, pending);
  }
  for (const listener of listeners) listener(state);
}

/** The reason in words, without a final full stop (a sentence goes on after it). */
const describe = (error: unknown): string =>
  error instanceof ApiError
    ? error.message.replace(/\.$/, '')
    : 'the API cannot be reached (offline?)';

const isStatus = (error: unknown, ...statuses: number[]): boolean =>
  error instanceof ApiError && statuses.includes(error.status);

export function useProfile(): ProfileState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => listeners.delete(setCurrent);
  }, []);
  return current;
}

/**
 * Changes the picks (add, rate, remove) and saves the difference to the profile. Adding or
 * removing a movie is written at once; re-ratings come in bursts (arrow keys on the stars), so
 * they are written after a pause, which also spares the API's per-profile write limit.
 */
export function updatePicks(change: (picks: PickedMovie[]) => PickedMovie[]): void {
  const before = new Set(state.picks.map((p) => p.movieId));
  const next = change(state.picks);
  const changes = changesBetween(state.picks, next);
  if (changes.length === 0) {
    set({ picks: next });
    return;
  }
  set({ picks: next, pending: queueChanges(state.pending, changes), sync: 'saving' });
  clearTimeout(pauseTimer);
  if (changes.every((c) => c.rating !== null && before.has(c.movieId))) {
    pauseTimer = setTimeout(() => void flush(), RATING_PAUSE_MS);
  } else {
    void flush();
  }
}

/** No profile, no picks, nothing queued: after "forget me" or when the profile is gone. */
function startFresh(problem: string | null): void {
  epoch++;
  clearTimeout(retryTimer);
  clearTimeout(pauseTimer);
  failures = 0;
  set({ credentials: null, picks: [], pending: [], sync: 'saved', problem });
}

/** Writes the queued changes one at a time, oldest first, creating the profile if need be. */
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  clearTimeout(retryTimer);
  const started = epoch;
  try {
    for (
      let change = state.pending[0];
      change !== undefined && epoch === started;
      change = state.pending[0]
    ) {
      if (state.sync !== 'saving') set({ sync: 'saving' });
      try {
        const credentials = state.credentials ?? (await createProfile(started));
        if (change.rating === null) await api.unrateMovie(credentials, change.movieId);
        else await api.rateMovie(credentials, change.movieId, change.rating);
        if (epoch !== started) return;
        writes++;
        failures = 0;
        set({ pending: settleChange(state.pending, change), problem: null });
      } catch (error) {
        if (epoch !== started || !(await recover(error, change))) return;
      }
    }
    if (epoch === started) set({ sync: 'saved' });
  } finally {
    flushing = false;
    if (epoch !== started && state.pending.length > 0) void flush();
  }
}

async function createProfile(started: number): Promise<ProfileCredentials> {
  const { profileId, token } = await api.createProfile();
  const credentials = { profileId, token };
  if (epoch === started) set({ credentials });
  return credentials;
}

/**
 * After a failed write: true to go on with the next change. A change the API refuses for good
 * (the profile is full, an unknown movie) is dropped and the server's ratings shown; a profile
 * that is gone starts afresh; anything else (offline, 429, 5xx) is retried later.
 */
async function recover(error: unknown, change: PendingChange): Promise<boolean> {
  const credentials = state.credentials;
  if (credentials && error instanceof ApiError && error.status < 500 && error.status !== 429) {
    if (isStatus(error, 401, 403)) {
      set({ sync: 'unsaved', problem: NOT_ACCEPTED });
      return false;
    }
    if (error.status === 404 && (await isGone(credentials))) {
      startFresh(GONE);
      return false;
    }
    set({
      pending: state.pending.filter((c) => c !== change),
      problem: `Not saved: ${describe(error)}.`,
    });
    await loadRatings();
    return true;
  }
  failures++;
  const seconds =
    error instanceof ApiError && error.retryAfterSeconds !== null
      ? error.retryAfterSeconds
      : Math.min(MAX_RETRY_SECONDS, 2 ** failures);
  set({ sync: 'unsaved', problem: `Not saved yet: ${describe(error)}. Retrying in ${seconds} s.` });
  retryTimer = setTimeout(() => void flush(), seconds * 1000);
  return false;
}

const isGone = (credentials: ProfileCredentials): Promise<boolean> =>
  api.profile(credentials).then(
    () => false,
    (error: unknown) => isStatus(error, 404),
  );

/** The server's ratings replace the local copy (with the changes not saved yet on top). */
async function loadRatings(): Promise<void> {
  const credentials = state.credentials;
  if (credentials === null) return;
  const started = epoch;
  let ratings: ProfileRating[];
  for (;;) {
    const writesBefore = writes;
    try {
      ({ ratings } = await api.profileRatings(credentials));
    } catch (error) {
      if (epoch !== started) return;
      if (isStatus(error, 404)) startFresh(GONE);
      else if (isStatus(error, 401, 403)) set({ problem: NOT_ACCEPTED });
      else set({ problem: `Showing the picks kept in this browser: ${describe(error)}.` });
      return;
    }
    if (epoch !== started) return;
    if (writes === writesBefore) break;
  }
  set({ picks: picksFromServer(ratings, state.picks, state.pending) });
}

/**
 * Signs this browser in to the profile a sign-in code (its token) belongs to: the id is derived
 * from the token, the token checked by reading the ratings, which then replace the picks here.
 * Resolves to the number of ratings; rejects with a message for the visitor.
 */
export async function signIn(text: string): Promise<number> {
  const token = parseSignInCode(text);
  if (token === null) {
    throw new Error(
      'That is not a sign-in code: it is 43 letters, digits, “-” and “_”. Check that it was copied whole.',
    );
  }
  const credentials = { profileId: await profileIdOf(token), token };
  let ratings: ProfileRating[];
  try {
    ({ ratings } = await api.profileRatings(credentials));
  } catch (error) {
    if (isStatus(error, 401, 403, 404)) {
      throw new Error('That sign-in code matches no profile (it may have been forgotten).', {
        cause: error,
      });
    }
    throw new Error(`Could not sign in: ${describe(error)}.`, { cause: error });
  }
  epoch++;
  clearTimeout(retryTimer);
  failures = 0;
  set({
    credentials,
    picks: picksFromServer(ratings, state.picks, []),
    pending: [],
    sync: 'saved',
    problem: null,
  });
  return ratings.length;
}

/** Deletes the profile on the server, then everything this browser kept of it. */
export async function forgetMe(): Promise<void> {
  const credentials = state.credentials;
  if (credentials) {
    try {
      await api.deleteProfile(credentials);
    } catch (error) {
      // Gone already, or not this token's to delete: either way nothing is left to delete.
      if (!isStatus(error, 401, 403, 404)) {
        throw new Error(`Could not forget the profile: ${describe(error)}.`, { cause: error });
      }
    }
  }
  startFresh(null);
}

/**
 * Starts syncing once, before the first render: a sign-in link (`#signin=<code>`) is taken out
 * of the address bar at once and used; otherwise the server's ratings are loaded and what is
 * queued is written. Picks from before profiles existed are saved to a new profile.
 */
export function startProfileSync(): void {
  window.addEventListener('online', () => void loadRatings().then(flush));
  window.addEventListener('storage', (event) => {
    const keys: (string | null)[] = [
      STORAGE_KEYS.profile,
      STORAGE_KEYS.picks,
      STORAGE_KEYS.pendingRatings,
    ];
    if (!keys.includes(event.key)) return;
    const stored = fromStorage();
    if (stored.credentials?.profileId !== state.credentials?.profileId) epoch++;
    set(stored);
  });
  if (location.hash.startsWith('#signin=')) {
    const code = signInCodeFromHash(location.hash);
    history.replaceState(history.state, '', location.pathname + location.search);
    if (code === null) set({ problem: 'That sign-in link is incomplete: copy it again.' });
    else signIn(code).catch((error: unknown) => set({ problem: describeError(error) }));
    return;
  }
  if (state.credentials === null && state.pending.length === 0 && state.picks.length > 0) {
    set({ pending: changesBetween([], state.picks), sync: 'unsaved' });
  }
  void loadRatings().then(flush);
}

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
