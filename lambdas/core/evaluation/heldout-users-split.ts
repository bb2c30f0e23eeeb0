import type { Ratings, RatingScale } from '../dataset/dataset.ts';
import { toSparseMatrix } from '../dataset/sparse-matrix.ts';
import { createRng } from '../random.ts';

/** A held-out user: what is folded in (as a visitor would give it) and what must be found. */
export interface HeldoutUser {
  user: number;
  /** Folded-in items, ascending, with their ratings. */
  foldIn: Int32Array;
  foldInValues: Float32Array;
  /** Items to find, ascending. */
  test: Int32Array;
}

export interface HeldoutUsersSplit {
  /** Positions into the ratings of the training users' kept ratings, ascending. */
  train: Int32Array;
  heldOut: HeldoutUser[];
}

export interface HeldoutUsersOptions {
  /** Share of the kept users held out (at least one user, at least one left to train). */
  heldOutShare: number;
  /** Share of each held-out user's items to find: int(testShare·n) are test, the rest folded in. */
  testShare: number;
  /** Users with fewer kept ratings are dropped. */
  minRatings: number;
  seed: number;
}

/** Liang et al.'s settings: 20% to find, users with ≥ 5 kept ratings; 10% of users held out. */
export const HELDOUT_USERS_DEFAULTS: Omit<HeldoutUsersOptions, 'seed'> = {
  heldOutShare: 0.1,
  testShare: 0.2,
  minRatings: 5,
};

/**
 * Strong-generalisation split of Liang et al. 2018 ("Variational Autoencoders for Collaborative
 * Filtering", §4.1 and their preprocessing code), whose held-out users the model never sees:
 * 1. keep only ratings above scale.max − 1.5 (> 3.5 on a 5-star scale: "four or higher"), then
 *    only users with ≥ minRatings of them;
 * 2. shuffle the kept users (seeded); the first round(heldOutShare·n) are held out, the rest
 *    train (the paper holds out a fixed 10,000 of ML-20M's 136,677 users, ≈ 7%);
 * 3. a held-out user's ratings of movies no training user kept are dropped; of the rest, a
 *    seeded random int(testShare·n) are test and the others (≈ 80%) are folded in. Held-out users
 *    left with fewer than minRatings are not evaluated (the paper folds them in whole).
 */
export function heldoutUsersSplit(
  ratings: Ratings,
  shape: { users: number; items: number },
  scale: RatingScale,
  options: HeldoutUsersOptions,
): HeldoutUsersSplit {
  const { heldOutShare, testShare, minRatings } = options;
  if (!(heldOutShare > 0 && heldOutShare < 1)) {
    throw new RangeError(`heldOutShare must be in (0, 1), got ${heldOutShare}`);
  }
  if (!(testShare > 0 && testShare < 1)) {
    throw new RangeError(`testShare must be in (0, 1), got ${testShare}`);
  }
  const threshold = scale.max - 1.5;
  const kept = new Uint8Array(ratings.value.length);
  const perUser = new Int32Array(shape.users);
  for (let k = 0; k < kept.length; k++) {
    if (ratings.value[k]! > threshold) {
      kept[k] = 1;
      perUser[ratings.user[k]!]!++;
    }
  }
  const users: number[] = [];
  for (let u = 0; u < shape.users; u++) if (perUser[u]! >= minRatings) users.push(u);
  if (users.length < 2) {
    throw new RangeError(
      `need at least 2 users with ${minRatings} ratings above ${threshold}, found ${users.length}`,
    );
  }

  const rng = createRng(options.seed);
  rng.shuffle(users);
  const count = Math.min(users.length - 1, Math.max(1, Math.round(heldOutShare * users.length)));
  const heldOutUser = new Uint8Array(shape.users);
  for (let j = 0; j < count; j++) heldOutUser[users[j]!] = 1;

  const trainItem = new Uint8Array(shape.items);
  const train: number[] = [];
  const heldOutPositions: number[] = [];
  for (let k = 0; k < kept.length; k++) {
    if (kept[k] === 0 || perUser[ratings.user[k]!]! < minRatings) continue;
    if (heldOutUser[ratings.user[k]!] === 1) {
      heldOutPositions.push(k);
    } else {
      train.push(k);
      trainItem[ratings.item[k]!] = 1;
    }
  }

  const seen = heldOutPositions.filter((k) => trainItem[ratings.item[k]!] === 1);
  const byUser = toSparseMatrix(
    {
      user: Int32Array.from(seen, (k) => ratings.user[k]!),
      item: Int32Array.from(seen, (k) => ratings.item[k]!),
      value: Float32Array.from(seen, (k) => ratings.value[k]!),
      timestamp: new Uint32Array(seen.length),
    },
    shape,
    'user',
  );
  const heldOut: HeldoutUser[] = [];
  const ascending = users.slice(0, count).sort((a, b) => a - b);
  for (const user of ascending) {
    const from = byUser.indptr[user]!;
    const n = byUser.indptr[user + 1]! - from;
    if (n < minRatings) continue;
    const order = rng.shuffle(Int32Array.from({ length: n }, (_, j) => j));
    const testCount = Math.trunc(testShare * n);
    const isTest = new Uint8Array(n);
    for (let j = 0; j < testCount; j++) isTest[order[j]!] = 1;
    const foldIn: number[] = [];
    const foldInValues: number[] = [];
    const test: number[] = [];
    for (let j = 0; j < n; j++) {
      const item = byUser.indices[from + j]!;
      if (isTest[j] === 1) {
        test.push(item);
      } else {
        foldIn.push(item);
        foldInValues.push(byUser.values[from + j]!);
      }
    }
    heldOut.push({
      user,
      foldIn: Int32Array.from(foldIn),
      foldInValues: Float32Array.from(foldInValues),
      test: Int32Array.from(test),
    });
  }
  return { train: Int32Array.from(train), heldOut };
}
