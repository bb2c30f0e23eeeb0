import { createRng } from '../random.ts';

/** One fold of a k-fold split: positions into the ratings arrays, each ascending. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * K-fold cross-validation over `count` rating positions, like Surprise's `KFold(shuffle=True)`:
 * the positions are shuffled once with the seed and cut into `folds` contiguous chunks whose sizes
 * differ by at most one (the first `count mod folds` chunks hold one more). Fold f tests on chunk f
 * and trains on the rest, so every rating is tested exactly once.
 */
export function kFold(count: number, options: { folds: number; seed: number }): Fold[] {
  const { folds, seed } = options;
  if (!Number.isInteger(folds) || folds < 2) {
    throw new RangeError(`folds must be an integer ≥ 2, got ${folds}`);
  }
  if (count < folds) throw new RangeError(`cannot cut ${count} ratings into ${folds} folds`);

  const order = createRng(seed).shuffle(Int32Array.from({ length: count }, (_, k) => k));
  const foldOf = new Int32Array(count);
  const base = Math.floor(count / folds);
  const extra = count % folds;
  let start = 0;
  for (let f = 0; f < folds; f++) {
    const end = start + base + (f < extra ? 1 : 0);
    for (let j = start; j < end; j++) foldOf[order[j]!] = f;
    start = end;
  }

  return Array.from({ length: folds }, (_, f) => {
    const size = base + (f < extra ? 1 : 0);
    const test = new Int32Array(size);
    const train = new Int32Array(count - size);
    let t = 0;
    let r = 0;
    for (let k = 0; k < count; k++) {
      if (foldOf[k] === f) test[t++] = k;
      else train[r++] = k;
    }
    return { train, test };
  });
}
