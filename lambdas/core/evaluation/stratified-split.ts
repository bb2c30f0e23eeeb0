import type { Ratings } from '../dataset/dataset.ts';
import { createRng } from '../random.ts';

/** A train/test split as positions into the ratings arrays, each ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Per-user stratified split like Microsoft Recommenders' `python_stratified_split(ratio)`: each
 * user's ratings are shuffled (seeded) and the first round(ratio·n) go to train, the rest to test.
 * Python's round is round-half-to-even (n = 2 → 2 train, n = 6 → 4 train at ratio 0.75), so that
 * is what we use. Users are visited in index order with one generator, so a seed fixes the split.
 */
export function stratifiedSplit(
  ratings: Ratings,
  users: number,
  options: { ratio: number; seed: number },
): Split {
  const { ratio, seed } = options;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`ratio must be in (0, 1), got ${ratio}`);
  const count = ratings.user.length;
  const start = new Int32Array(users + 1);
  for (let k = 0; k < count; k++) start[ratings.user[k]! + 1]!++;
  for (let u = 0; u < users; u++) start[u + 1]! += start[u]!;
  const byUser = new Int32Array(count);
  const fill = start.slice(0, users);
  for (let k = 0; k < count; k++) byUser[fill[ratings.user[k]!]!++] = k;

  const rng = createRng(seed);
  const inTrain = new Uint8Array(count);
  let trainCount = 0;
  for (let u = 0; u < users; u++) {
    const own = byUser.subarray(start[u]!, start[u + 1]!);
    rng.shuffle(own);
    const cut = roundHalfEven(ratio * own.length);
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

/** Python 3 / NumPy rounding: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  // Products like 0.75·6 are exact in binary, so comparing with 0.5 is safe here.
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
