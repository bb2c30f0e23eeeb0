import { BadRows } from './bad-rows.ts';
import { DatasetError } from './dataset-error.ts';
import type { Dataset, Ratings, RatingScale } from './dataset.ts';
import { IdIndex, sortedUniqueIds } from './id-index.ts';
import { scanRatings } from './ratings-scanner.ts';

/** Ratings of one added-ratings file, in file order: raw user ids, the dataset's dense items. */
export interface AddedRows {
  user: number[];
  item: number[];
  value: number[];
  timestamp: number[];
}

/** One rating of an added user (a user who is not in the dataset, given a fresh id). */
export interface AddedRating {
  movieId: number;
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

/**
 * Reads a MovieLens-format `ratings.csv` (`userId,movieId,rating,timestamp`) that adds ratings to
 * `dataset`. Every row must name a movie of the dataset and a rating on its scale; the first bad
 * row is a DatasetError naming `file` and its line, as in any dataset file.
 */
export async function readAddedRatings(
  dataset: Dataset,
  file: string,
  chunks: AsyncIterable<Uint8Array>,
): Promise<AddedRows> {
  const bad = new BadRows('error');
  const movies = new IdIndex(dataset.itemIds);
  const rows: AddedRows = { user: [], item: [], value: [], timestamp: [] };
  await scanRatings(chunks, ',', {
    row: (user, movie, rating, timestamp, line) => {
      const item = movies.get(movie);
      if (item < 0) {
        bad.report(file, line, 'unknown-movie', `movieId ${movie} is not in ${dataset.name}`);
        return;
      }
      if (!onScale(dataset.scale, rating)) {
        const { min, max, step } = dataset.scale;
        bad.report(
          file,
          line,
          'out-of-range',
          `rating ${rating} is not on the dataset's scale (${min}–${max} in steps of ${step})`,
        );
        return;
      }
      rows.user.push(user);
      rows.item.push(item);
      rows.value.push(rating);
      rows.timestamp.push(timestamp);
    },
    bad: (line, reason, problem) => bad.report(file, line, reason, problem),
  });
  if (rows.user.length === 0) throw new DatasetError(file, undefined, 'no ratings (empty file)');
  return rows;
}

export interface MergedRatings {
  dataset: Dataset;
  /** Ratings of each part that are in `dataset` (replaced ones are not). */
  counts: { dataset: number; files: number; addedUsers: number };
  /** Raw user id given to each added user, in the order given; null for one with no rating kept. */
  addedUserIds: (number | null)[];
  /** Ratings replaced by a later rating of the same user and movie. */
  replaced: number;
  /** Ratings of added users dropped: movie not in the dataset or rating off its scale. */
  dropped: number;
}

/**
 * The dataset with ratings added: `files` in order (their users are dataset user ids; new ids
 * become new users), then `addedUsers`, each a new user whose raw id is above every id of the
 * dataset and the files, assigned in the order given. A later rating of the same (user, movie)
 * replaces the earlier one: a file's row replaces the dataset's, a later file's or row's replaces
 * an earlier one's. Users stay dense by ascending raw id; tags keep their users.
 */
export function mergeRatings(
  dataset: Dataset,
  files: readonly AddedRows[],
  addedUsers: readonly (readonly AddedRating[])[],
): MergedRatings {
  const base = dataset.ratings;
  const items = dataset.itemIds.length;
  const key = (user: number, item: number): number => user * items + item;

  // The last position of each (user, movie) of the files wins.
  const fileRows: AddedRows = { user: [], item: [], value: [], timestamp: [] };
  for (const rows of files) {
    for (const field of ['user', 'item', 'value', 'timestamp'] as const) {
      for (const v of rows[field]) fileRows[field].push(v);
    }
  }
  const lastAt = new Map<number, number>();
  fileRows.user.forEach((user, p) => lastAt.set(key(user, fileRows.item[p]!), p));
  const keepBase = new Uint8Array(base.user.length).fill(1);
  let keptBase = base.user.length;
  if (lastAt.size > 0) {
    for (let k = 0; k < base.user.length; k++) {
      if (lastAt.has(key(dataset.userIds[base.user[k]!]!, base.item[k]!))) {
        keepBase[k] = 0;
        keptBase--;
      }
    }
  }
  const keptFiles = lastAt.size;

  let nextId = 1;
  for (const id of dataset.userIds) nextId = Math.max(nextId, id + 1);
  for (const id of fileRows.user) nextId = Math.max(nextId, id + 1);
  const movies = new IdIndex(dataset.itemIds);
  let dropped = 0;
  const added = addedUsers.map((ratings) =>
    ratings.filter((r) => {
      const ok = movies.get(r.movieId) >= 0 && onScale(dataset.scale, r.rating);
      if (!ok) dropped++;
      return ok;
    }),
  );
  const addedUserIds = added.map((ratings) => (ratings.length === 0 ? null : nextId++));
  const keptAdded = added.reduce((sum, ratings) => sum + ratings.length, 0);

  const n = keptBase + keptFiles + keptAdded;
  const rawUser = new Int32Array(n);
  const out: Ratings = {
    user: rawUser,
    item: new Int32Array(n),
    value: new Float32Array(n),
    timestamp: new Uint32Array(n),
  };
  let at = 0;
  const push = (user: number, item: number, value: number, timestamp: number): void => {
    out.user[at] = user;
    out.item[at] = item;
    out.value[at] = value;
    out.timestamp[at] = timestamp;
    at++;
  };
  for (let k = 0; k < base.user.length; k++) {
    if (keepBase[k] === 1) {
      push(dataset.userIds[base.user[k]!]!, base.item[k]!, base.value[k]!, base.timestamp[k]!);
    }
  }
  fileRows.user.forEach((user, p) => {
    const item = fileRows.item[p]!;
    if (lastAt.get(key(user, item)) === p) {
      push(user, item, fileRows.value[p]!, fileRows.timestamp[p]!);
    }
  });
  added.forEach((ratings, u) => {
    for (const r of ratings) push(addedUserIds[u]!, movies.get(r.movieId), r.rating, r.timestamp);
  });

  const userIds = sortedUniqueIds(rawUser);
  const users = new IdIndex(userIds);
  for (let k = 0; k < n; k++) out.user[k] = users.get(out.user[k]!);
  const tags = dataset.tags.map((tag) =>
    tag.user < 0 ? tag : { ...tag, user: users.get(dataset.userIds[tag.user]!) },
  );
  return {
    dataset: { ...dataset, userIds, ratings: out, tags },
    counts: { dataset: keptBase, files: keptFiles, addedUsers: keptAdded },
    addedUserIds,
    replaced: base.user.length - keptBase + fileRows.user.length - keptFiles,
    dropped,
  };
}

/** `rating` is one of the scale's values: within its ends, a whole number of steps from min. */
const onScale = ({ min, max, step }: RatingScale, rating: number): boolean =>
  rating >= min && rating <= max && Number.isInteger((rating - min) / step);
