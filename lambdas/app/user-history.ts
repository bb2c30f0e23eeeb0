import type { Dataset } from '../core/dataset/dataset.ts';
import { toSparseMatrix } from '../core/dataset/sparse-matrix.ts';
import type { ModelArtifact } from '../core/models/artifact.ts';

/**
 * Each known user's ratings as the model version saw them: what to leave out of their
 * recommendations and what to explain them with ("because you rated …"). CSR by user, items
 * ascending within a row.
 */
export interface UserHistory {
  /** Dense user index → raw userId, ascending. */
  userIds: Int32Array;
  indptr: Int32Array;
  items: Int32Array;
  values: Float32Array;
}

export const USER_HISTORY_KIND = 'user-history';

export function userHistoryFromDataset(dataset: Dataset): UserHistory {
  const matrix = toSparseMatrix(
    dataset.ratings,
    { users: dataset.userIds.length, items: dataset.itemIds.length },
    'user',
  );
  return {
    userIds: dataset.userIds,
    indptr: matrix.indptr,
    items: matrix.indices,
    values: matrix.values,
  };
}

export function userHistoryToArtifact(history: UserHistory): ModelArtifact {
  return { kind: USER_HISTORY_KIND, params: {}, arrays: { ...history } };
}

export function userHistoryFromArtifact(artifact: ModelArtifact): UserHistory {
  const { userIds, indptr, items, values } = artifact.arrays;
  if (
    artifact.kind !== USER_HISTORY_KIND ||
    !(userIds instanceof Int32Array) ||
    !(indptr instanceof Int32Array) ||
    !(items instanceof Int32Array) ||
    !(values instanceof Float32Array) ||
    indptr.length !== userIds.length + 1 ||
    indptr[userIds.length] !== items.length ||
    values.length !== items.length
  ) {
    throw new Error(`${USER_HISTORY_KIND}: arrays missing or of inconsistent lengths`);
  }
  return { userIds, indptr, items, values };
}

/** Dense index of a raw user id, or -1 for a user the version does not know. */
export function userIndex(history: UserHistory, rawId: number): number {
  const ids = history.userIds;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = ids[mid]!;
    if (id === rawId) return mid;
    if (id < rawId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The user's rated items and ratings (views into the history). */
export function userRatings(
  history: UserHistory,
  user: number,
): { items: Int32Array; values: Float32Array } {
  const from = history.indptr[user]!;
  const to = history.indptr[user + 1]!;
  return { items: history.items.subarray(from, to), values: history.values.subarray(from, to) };
}
