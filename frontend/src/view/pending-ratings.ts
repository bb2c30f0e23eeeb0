import { storedEntries } from './stored-entries.ts';
import type { ProfileRating } from '../api/api-types.ts';
import { clampStars, type PickedMovie } from './picked-movies.ts';

/**
 * A change to the profile's ratings that the API has not confirmed yet: a rating to store, or
 * `null` to delete it. Kept in this browser until it is saved, so nothing picked offline or
 * during an outage is lost; the server's ratings are the truth otherwise.
 */
export interface PendingChange {
  movieId: number;
  rating: number | null;
}

/** The changes that turn `before` into `after`: new or re-rated picks, and removed ones. */
export function changesBetween(before: PickedMovie[], after: PickedMovie[]): PendingChange[] {
  const old = new Map(before.map((p) => [p.movieId, p.rating]));
  const kept = new Set(after.map((p) => p.movieId));
  const changes: PendingChange[] = [];
  for (const pick of after) {
    if (old.get(pick.movieId) !== pick.rating)
      changes.push({ movieId: pick.movieId, rating: pick.rating });
  }
  for (const pick of before) {
    if (!kept.has(pick.movieId)) changes.push({ movieId: pick.movieId, rating: null });
  }
  return changes;
}

/** Queues changes in order; a later change to a movie replaces its earlier one (last write wins). */
export function queueChanges(pending: PendingChange[], changes: PendingChange[]): PendingChange[] {
  let queue = pending;
  for (const change of changes) {
    queue = [...queue.filter((c) => c.movieId !== change.movieId), change];
  }
  return queue;
}

/**
 * The queue once `sent` is confirmed: it leaves only if it is still the movie's latest change
 * (a change made while it was in flight must still be sent).
 */
export function settleChange(pending: PendingChange[], sent: PendingChange): PendingChange[] {
  return pending.filter((c) => c.movieId !== sent.movieId || c.rating !== sent.rating);
}

/**
 * The picks to show: the profile's ratings as the server has them, with the changes not saved
 * yet applied on top. Picks this browser already knows keep their place and their year and
 * genres (which the ratings don't carry); ratings made elsewhere come first, newest first.
 */
export function picksFromServer(
  ratings: ProfileRating[],
  known: PickedMovie[],
  pending: PendingChange[],
): PickedMovie[] {
  const byId = new Map(known.map((p) => [p.movieId, p]));
  const changed = new Map(pending.map((c) => [c.movieId, c.rating]));
  const added = pending.flatMap((c) => {
    const pick = byId.get(c.movieId);
    return c.rating !== null && pick && !ratings.some((r) => r.movieId === c.movieId)
      ? [{ ...pick, rating: c.rating }]
      : [];
  });
  const stored = ratings.flatMap((r): PickedMovie[] => {
    const rating = changed.has(r.movieId) ? changed.get(r.movieId)! : r.rating;
    if (rating === null) return [];
    const pick = byId.get(r.movieId);
    return [
      {
        movieId: r.movieId,
        title: r.title,
        year: pick?.year ?? null,
        genres: pick?.genres ?? [],
        rating: clampStars(rating),
      },
    ];
  });
  const place = new Map(known.map((p, i) => [p.movieId, i]));
  stored.sort((a, b) => (place.get(a.movieId) ?? -1) - (place.get(b.movieId) ?? -1));
  return [...added.reverse(), ...stored];
}

/** Pending changes read back from storage; anything malformed is dropped. */
export function parsePending(json: string | null): PendingChange[] {
  const changes: PendingChange[] = [];
  for (const { movieId, rating } of storedEntries(json)) {
    if (typeof movieId !== 'number' || !Number.isInteger(movieId) || movieId < 1) continue;
    if (rating !== null && (typeof rating !== 'number' || !Number.isFinite(rating))) continue;
    changes.push({ movieId, rating: rating === null ? null : clampStars(rating) });
  }
  return queueChanges([], changes);
}
