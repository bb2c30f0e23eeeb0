import type { Ratings } from '../dataset/dataset.ts';

/**
 * The SGD epochs of the biased matrix factorisation (biased-mf.ts has the model and its
 * formulas): the TypeScript reference here, the WebAssembly SIMD kernel in
 * wasm-biased-mf-sgd.ts. Both keep their arrays where their loop reads them, so the training
 * initialises and shuffles them in place and copies the results out.
 */
export interface BiasedMfSgd {
  /** Rating indices in this epoch's order (the caller shuffles them in place). */
  order: Int32Array;
  /** Biases and users × k, items × k factors, updated in place by `epoch`. */
  bu: Float64Array;
  bi: Float64Array;
  P: Float64Array;
  Q: Float64Array;
  /**
   * One pass over the ratings in `order` with step `lr`; returns the sum of squared errors
   * seen before each update.
   */
  epoch(mu: number, lr: number): number;
}

/** Which implementation runs the epochs: the WebAssembly kernel or the TypeScript reference. */
export type SgdKernel = 'wasm' | 'typescript';

export interface SgdSetup {
  users: number;
  items: number;
  k: number;
  biasRegularization: number;
  factorRegularization: number;
}

/** The TypeScript reference epochs, on the JavaScript heap. */
export function typescriptBiasedMfSgd(train: Ratings, setup: SgdSetup): BiasedMfSgd {
  const { users, items, k } = setup;
  const nnz = train.value.length;
  const state = {
    order: new Int32Array(nnz),
    bu: new Float64Array(users),
    bi: new Float64Array(items),
    P: new Float64Array(users * k),
    Q: new Float64Array(items * k),
  };
  return { ...state, epoch: (mu, lr) => sgdEpoch(train, state, mu, k, lr, setup) };
}

/**
 * One SGD pass over the ratings in `order`, updating biases and factors in place; returns the sum
 * of squared errors seen before each update. A function of its own so V8 optimises it whole.
 * Typed-array reads use `!` (indices in range by construction).
 */
function sgdEpoch(
  train: Ratings,
  state: Omit<BiasedMfSgd, 'epoch'>,
  mu: number,
  k: number,
  lr: number,
  setup: SgdSetup,
): number {
  const { order, bu, bi, P, Q } = state;
  const userOf = train.user;
  const itemOf = train.item;
  const value = train.value;
  const rb = setup.biasRegularization;
  // p += γ(e q − λ p) written as p·(1 − γλ) + γe·q.
  const shrink = 1 - lr * setup.factorRegularization;
  let squared = 0;
  for (let n = 0; n < order.length; n++) {
    const r = order[n]!;
    const u = userOf[r]!;
    const i = itemOf[r]!;
    const pu = u * k;
    const qi = i * k;
    let dot = 0;
    for (let f = 0; f < k; f++) dot += P[pu + f]! * Q[qi + f]!;
    const e = value[r]! - mu - bu[u]! - bi[i]! - dot;
    squared += e * e;
    bu[u] = bu[u]! + lr * (e - rb * bu[u]!);
    bi[i] = bi[i]! + lr * (e - rb * bi[i]!);
    const step = lr * e;
    for (let f = 0; f < k; f++) {
      const pf = P[pu + f]!;
      const qf = Q[qi + f]!;
      P[pu + f] = shrink * pf + step * qf;
      Q[qi + f] = shrink * qf + step * pf;
    }
  }
  return squared;
}
