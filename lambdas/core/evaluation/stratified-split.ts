import type { Ratings } from '../dataset/dataset.ts';
import { createRng } from '../random.ts';

/** A train/test split as positions into the ratings arrays, each ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Stratified split as Microsoft Recommenders' `python_stratified_split(data, ratio, min_rating=1,
 * filter_by=by, seed)` does it: the ratings are grouped by user (`by: 'user'`) or by movie
 * (`by: 'item'`), each group is put in random order, and the rating at 1-based rank r of a group
 * of n goes to train iff r / n ≤ ratio, to test otherwise. So floor(ratio·n) of each group train
 * (not round(ratio·n): a movie with 1 rating puts it in test, one with 5 trains 3 at 0.75) and
 * every rating lands in exactly one side. min_rating = 1 filters nothing, as there.
 *
 * Microsoft orders each group by one NumPy uniform per row (`np.random.seed(seed)`, then a sort);
 * we shuffle each group with our seeded generator (Fisher–Yates, groups in index order). Both
 * give a uniformly random order per group, so the splits agree in distribution, but no seed makes
 * them pick the same ratings: NumPy's Mersenne Twister stream cannot be reproduced here.
 */
export function stratifiedSplit(
  ratings: Ratings,
  groups: number,
  options: { by: 'user' | 'item'; ratio: number; seed: number },
): Split {
  const { ratio, seed } = options;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`ratio must be in (0, 1), got ${ratio}`);
  const key = options.by === 'user' ? ratings.user : ratings.item;
  const count = key.length;
  const start = new Int32Array(groups + 1);
  for (let k = 0; k < count; k++) start[key[k]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const byGroup = new Int32Array(count);
  const fill = start.slice(0, groups);
  for (let k = 0; k < count; k++) byGroup[fill[key[k]!]!++] = k;

  const rng = createRng(seed);
  const inTrain = new Uint8Array(count);
  let trainCount = 0;
  for (let g = 0; g < groups; g++) {
    const own = byGroup.subarray(start[g]!, start[g + 1]!);
    rng.shuffle(own);
    const cut = trainShare(own.length, ratio);
    for (let j = 0; j < cut; j++) inTrain[own[j]!] = 1;
    trainCount += cut;
  }

  const train = new Int32Array(trainCount);
  const test = new Int32Array(count - trainCount);
  let r = 0;
  let t = 0;
  for (let k = 0; k < count; k++) {
    if (inTrain[k] === 1) train[r++] = k;
    else test[t++] = k;
  }
  return { train, test };
}

/**
 * How many of a group of n go to train: the ranks r = 1..n with r / n ≤ ratio, compared in
 * floating point exactly as pandas compares `rank / count <= ratio`.
 */
export function trainShare(n: number, ratio: number): number {
  let cut = Math.min(n, Math.floor(ratio * n));
  while (cut < n && (cut + 1) / n <= ratio) cut++;
  while (cut > 0 && cut / n > ratio) cut--;
  return cut;
}
