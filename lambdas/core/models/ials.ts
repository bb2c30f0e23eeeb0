import type { Ratings } from '../dataset/dataset.ts';
import type { SparseMatrix } from '../dataset/sparse-matrix.ts';
import { choleskyFactor, choleskySolve } from '../linalg/cholesky.ts';
import type { OnProgress } from '../progress.ts';
import { createRng } from '../random.ts';
import type { ModelArtifact } from './artifact.ts';
import { artifactFloat32, artifactInt32 } from './artifact-arrays.ts';
import {
  binaryWeighting,
  implicitMatrix,
  implicitWeight,
  type ImplicitWeighting,
} from './implicit-feedback.ts';
import type { RankingModel } from './ranking-model.ts';
import { wasmGramian, type GramianKernel } from './wasm-gramian.ts';
import { wasmIalsRows, type IalsRowsSolver } from './wasm-ials-rows.ts';

/**
 * Implicit alternating least squares. Factors are row-major Float32Array (rows × k); the k×k
 * normal equations are accumulated and solved in Float64. Reads use `!` on typed arrays
 * (numeric kernels, indices in range by construction).
 */

export interface IalsParams {
  /** Latent dimension k. */
  factors: number;
  epochs: number;
  /**
   * λ: the L2 penalty of a row is λ·(nnz_row + α0·|other side|)^ν. 0.01 rather than 0.03: in
   * the EASE blend, ranking-heldout-users nDCG@10 0.289 vs 0.281 (ml-latest-small, seeds 42–46;
   * iALS alone 0.274 vs 0.213) and ranking-stratified75 0.411 vs 0.408 (docs/models.md); 0.003
   * loses 0.006–0.011 nDCG@10 on ranking-stratified75.
   */
  regularization: number;
  /** α0: weight of the "predict 0" term over every (user, item) pair. */
  unobservedWeight: number;
  /** ν: frequency scaling exponent of the penalty (0 = plain λ, 1 = Rendle et al.'s default). */
  frequencyExponent: number;
  /** Initial factors ~ N(0, (initScale/√k)²). */
  initScale: number;
  weighting: ImplicitWeighting;
  /**
   * Row solver in training: 'cholesky' is exact, O(nnz·k² + k³) per row; 'cg' takes cgSteps
   * conjugate-gradient steps from the previous epoch's row, O(cgSteps·(nnz·k + k²)), several
   * times faster for k ≥ 32 at almost the same accuracy. Fold-in always solves exactly.
   */
  solver: 'cholesky' | 'cg';
  cgSteps: number;
}

export const defaultIalsParams: IalsParams = {
  factors: 64,
  epochs: 10,
  regularization: 0.01,
  unobservedWeight: 0.1,
  frequencyExponent: 1,
  initScale: 0.1,
  weighting: binaryWeighting,
  solver: 'cholesky',
  cgSteps: 3,
};

/** One side of an alternating step: solve `target` rows against the fixed other side. */
export interface IalsSide {
  /** Rows of this side (users for the user step), columns index rows of `fixed`; values = weights. */
  matrix: SparseMatrix;
  /** Fixed factors of the other side, matrix.cols × k. */
  fixed: Float32Array;
  /** Factors being solved, matrix.rows × k; rows from..to are overwritten. */
  target: Float32Array;
  /** Gramian fixedᵀ·fixed (k×k), see `gramian`. */
  gram: Float64Array;
}

/** Work buffers of one row solve; one per thread. */
export interface IalsScratch {
  a: Float64Array;
  b: Float64Array;
  h: Float64Array;
  /** Conjugate-gradient residual, direction and matrix·direction. */
  r: Float64Array;
  d: Float64Array;
  q: Float64Array;
}

export function createIalsScratch(k: number): IalsScratch {
  return {
    a: new Float64Array(k * k),
    b: new Float64Array(k),
    h: new Float64Array(4 * k),
    r: new Float64Array(k),
    d: new Float64Array(k),
    q: new Float64Array(k),
  };
}

/**
 * Adds Σ_{r ∈ [from, to)} f_r·f_rᵀ to `out` (k×k, full). Summing partial Gramians of row ranges
 * gives the Gramian, so workers can split this step too. The TypeScript reference of
 * kernels/gramian.ts (see `ialsGramian`).
 */
export function gramian(
  factors: Float32Array,
  k: number,
  from: number,
  to: number,
  out: Float64Array,
): Float64Array {
  for (let r = from; r < to; r++) {
    const base = r * k;
    for (let a = 0; a < k; a++) {
      const fa = factors[base + a]!;
      if (fa === 0) continue;
      const row = a * k;
      for (let b = 0; b <= a; b++) out[row + b] = out[row + b]! + fa * factors[base + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) out[a * k + b] = out[b * k + a]!;
  return out;
}

/**
 * Solves one row of iALS (Hu, Koren & Volinsky 2008, "Collaborative Filtering for Implicit
 * Feedback Datasets"; objective and penalty of Rendle et al. 2021, "Revisiting the Performance
 * of iALS on Item Recommendation Benchmarks"):
 *   w = argmin Σ_{i∈S} c_i (w·h_i − 1)² + α0 Σ_{all i} (w·h_i)² + λ (|S| + α0·n)^ν ‖w‖²
 *     = (α0·G + Σ_{i∈S} c_i h_i h_iᵀ + λ_r I)⁻¹ Σ_{i∈S} c_i h_i,
 * with the Gramian G = Σ_i h_i h_iᵀ precomputed once per half-epoch, so the cost is
 * O(|S|·k² + k³) per row instead of O(n·k²). Writes w into `out` (k values from outAt) and
 * returns the row's objective (data terms, penalty) accumulated into `loss`.
 */
function solveRow(
  cols: Int32Array,
  weights: Float32Array,
  from: number,
  to: number,
  fixed: Float32Array,
  gram: Float64Array,
  otherRows: number,
  params: IalsParams,
  scratch: IalsScratch,
  out: Float32Array,
  outAt: number,
  loss: Float64Array,
): void {
  const k = params.factors;
  const { a, b, h } = scratch;
  const nnz = to - from;
  if (nnz === 0) {
    out.fill(0, outAt, outAt + k);
    return;
  }
  const alpha0 = params.unobservedWeight;
  const lambda =
    params.regularization * Math.pow(nnz + alpha0 * otherRows, params.frequencyExponent);
  if (params.solver === 'cg') {
    conjugateGradientRow(
      cols,
      weights,
      from,
      to,
      fixed,
      gram,
      alpha0,
      lambda,
      params,
      scratch,
      out,
      outAt,
    );
  } else {
    for (let p = 0; p < k * k; p++) a[p] = alpha0 * gram[p]!;
    b.fill(0);
    // Four ratings per pass: each a[] entry is loaded and stored once per four rank-1 updates
    // (memory-bound in V8; about 2× faster than one rating per pass).
    const k2 = 2 * k;
    const k3 = 3 * k;
    let p = from;
    for (; p + 3 < to; p += 4) {
      const f0 = cols[p]! * k;
      const f1 = cols[p + 1]! * k;
      const f2 = cols[p + 2]! * k;
      const f3 = cols[p + 3]! * k;
      for (let x = 0; x < k; x++) {
        h[x] = fixed[f0 + x]!;
        h[k + x] = fixed[f1 + x]!;
        h[k2 + x] = fixed[f2 + x]!;
        h[k3 + x] = fixed[f3 + x]!;
      }
      const c0 = weights[p]!;
      const c1 = weights[p + 1]!;
      const c2 = weights[p + 2]!;
      const c3 = weights[p + 3]!;
      for (let x = 0; x < k; x++) {
        const u0 = c0 * h[x]!;
        const u1 = c1 * h[k + x]!;
        const u2 = c2 * h[k2 + x]!;
        const u3 = c3 * h[k3 + x]!;
        b[x] = b[x]! + u0 + u1 + u2 + u3;
        const row = x * k;
        for (let y = 0; y <= x; y++) {
          a[row + y] =
            a[row + y]! + u0 * h[y]! + u1 * h[k + y]! + u2 * h[k2 + y]! + u3 * h[k3 + y]!;
        }
      }
    }
    for (; p < to; p++) {
      const base = cols[p]! * k;
      const c = weights[p]!;
      for (let x = 0; x < k; x++) h[x] = fixed[base + x]!;
      for (let x = 0; x < k; x++) {
        const chx = c * h[x]!;
        b[x] = b[x]! + chx;
        const row = x * k;
        for (let y = 0; y <= x; y++) a[row + y] = a[row + y]! + chx * h[y]!;
      }
    }
    for (let x = 0; x < k; x++) a[x * k + x] = a[x * k + x]! + lambda;
    if (!choleskyFactor(a, k))
      throw new RangeError('iALS normal equations are not positive definite');
    choleskySolve(a, k, b);
  }

  let data = 0;
  for (let p = from; p < to; p++) {
    const base = cols[p]! * k;
    let y = 0;
    for (let x = 0; x < k; x++) y += b[x]! * fixed[base + x]!;
    data += weights[p]! * (y - 1) * (y - 1);
  }
  let quad = 0;
  let norm = 0;
  for (let x = 0; x < k; x++) {
    const bx = b[x]!;
    norm += bx * bx;
    let gx = 0;
    for (let y = 0; y < k; y++) gx += gram[x * k + y]! * b[y]!;
    quad += bx * gx;
    out[outAt + x] = bx;
  }
  loss[0] = loss[0]! + data + alpha0 * quad;
  loss[1] = loss[1]! + lambda * norm;
}

/**
 * The same row problem as `solveRow`, A·w = Σ c_i h_i with A = α0·G + Σ c_i h_i h_iᵀ + λ_r I,
 * solved approximately by conjugate gradient started from the row's current value (Takács,
 * Pilászy & Tikk 2011, "Applications of the conjugate gradient method for implicit feedback
 * collaborative filtering"). A is never formed: A·d = α0·G·d + λ_r·d + Σ c_i (h_i·d) h_i costs
 * O(k² + nnz·k). Each step lowers the row objective, so ALS stays monotone. Leaves w in scratch.b.
 */
function conjugateGradientRow(
  cols: Int32Array,
  weights: Float32Array,
  from: number,
  to: number,
  fixed: Float32Array,
  gram: Float64Array,
  alpha0: number,
  lambda: number,
  params: IalsParams,
  scratch: IalsScratch,
  start: Float32Array,
  startAt: number,
): void {
  const k = params.factors;
  const { b: w, r, d, q } = scratch;
  for (let x = 0; x < k; x++) w[x] = start[startAt + x]!;
  // r = Σ c_i (1 − h_i·w) h_i − α0·G·w − λ·w
  for (let x = 0; x < k; x++) {
    let gw = 0;
    for (let y = 0; y < k; y++) gw += gram[x * k + y]! * w[y]!;
    r[x] = -alpha0 * gw - lambda * w[x]!;
  }
  for (let p = from; p < to; p++) {
    const base = cols[p]! * k;
    let hw = 0;
    for (let x = 0; x < k; x++) hw += fixed[base + x]! * w[x]!;
    const f = weights[p]! * (1 - hw);
    for (let x = 0; x < k; x++) r[x] = r[x]! + f * fixed[base + x]!;
  }
  let rr = 0;
  for (let x = 0; x < k; x++) {
    d[x] = r[x]!;
    rr += r[x]! * r[x]!;
  }
  for (let step = 0; step < params.cgSteps && rr > 1e-20; step++) {
    for (let x = 0; x < k; x++) {
      let gd = 0;
      for (let y = 0; y < k; y++) gd += gram[x * k + y]! * d[y]!;
      q[x] = alpha0 * gd + lambda * d[x]!;
    }
    for (let p = from; p < to; p++) {
      const base = cols[p]! * k;
      let hd = 0;
      for (let x = 0; x < k; x++) hd += fixed[base + x]! * d[x]!;
      const f = weights[p]! * hd;
      for (let x = 0; x < k; x++) q[x] = q[x]! + f * fixed[base + x]!;
    }
    let dq = 0;
    for (let x = 0; x < k; x++) dq += d[x]! * q[x]!;
    const alpha = rr / dq;
    let next = 0;
    for (let x = 0; x < k; x++) {
      w[x] = w[x]! + alpha * d[x]!;
      r[x] = r[x]! - alpha * q[x]!;
      next += r[x]! * r[x]!;
    }
    const beta = next / rr;
    for (let x = 0; x < k; x++) d[x] = r[x]! + beta * d[x]!;
    rr = next;
  }
}

/** Which implementation solves the rows: the WebAssembly kernel or the TypeScript reference. */
export type IalsKernel = 'wasm' | 'typescript';

/** The Gramian of a kernel (one per thread): the WebAssembly one or `gramian`, bit for bit alike. */
export function ialsGramian(kernel: IalsKernel = 'wasm'): GramianKernel {
  return kernel === 'wasm' ? wasmGramian() : gramian;
}

/** The row solver of a kernel for `solveRows` (one per thread); none for the TypeScript reference. */
export function ialsRowsSolver(kernel: IalsKernel = 'wasm'): IalsRowsSolver | undefined {
  return kernel === 'wasm' ? wasmIalsRows() : undefined;
}

/**
 * Solves rows [from, to) of one side (see `solveRow`), on `kernel` when given. Pure apart from
 * writing those rows of side.target, so row ranges can run on separate threads over shared
 * buffers. Returns the ranges's objective parts: data = Σ c(ŷ−1)² + α0·Σ ŷ², penalty = Σ λ_r‖w_r‖².
 */
export function solveRows(
  side: IalsSide,
  from: number,
  to: number,
  params: IalsParams,
  scratch: IalsScratch = createIalsScratch(params.factors),
  kernel?: IalsRowsSolver,
): { data: number; penalty: number } {
  if (kernel !== undefined) return kernel(side, from, to, params);
  const { matrix, fixed, target, gram } = side;
  const loss = new Float64Array(2);
  const k = params.factors;
  for (let r = from; r < to; r++) {
    solveRow(
      matrix.indices,
      matrix.values,
      matrix.indptr[r]!,
      matrix.indptr[r + 1]!,
      fixed,
      gram,
      matrix.cols,
      params,
      scratch,
      target,
      r * k,
      loss,
    );
  }
  return { data: loss[0]!, penalty: loss[1]! };
}

/** Seeded initial factors: users then items, N(0, (initScale/√k)²). */
export function initIalsFactors(
  users: number,
  items: number,
  params: IalsParams,
  seed: number,
): { user: Float32Array; item: Float32Array } {
  const rng = createRng(seed);
  const k = params.factors;
  const std = params.initScale / Math.sqrt(k);
  const user = new Float32Array(users * k);
  const item = new Float32Array(items * k);
  for (let p = 0; p < user.length; p++) user[p] = std * rng.normal();
  for (let p = 0; p < item.length; p++) item[p] = std * rng.normal();
  return { user, item };
}

export interface IalsModel extends RankingModel {
  kind: 'ials';
  params: IalsParams;
  userFactors: Float32Array;
  itemFactors: { data: Float32Array; k: number };
  /** Training interactions per item; items with none are never recommended. */
  itemCounts: Int32Array;
}

/**
 * Single-threaded iALS training: each epoch solves all users against the item factors, then all
 * items against the new user factors, and a last user step follows the last epoch; lossHistory
 * holds the objective after each epoch. The rows are solved on the WebAssembly kernel unless
 * `options.kernel` asks for the TypeScript reference.
 */
export function trainIals(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<IalsParams> = {},
  options: { seed?: number; onProgress?: OnProgress; kernel?: IalsKernel } = {},
): IalsModel {
  const p: IalsParams = { ...defaultIalsParams, ...params };
  const k = p.factors;
  const byUser = implicitMatrix(train, shape, 'user', p.weighting);
  const byItem = implicitMatrix(train, shape, 'item', p.weighting);
  const { user, item } = initIalsFactors(shape.users, shape.items, p, options.seed ?? 0);
  const scratch = createIalsScratch(k);
  const solver = ialsRowsSolver(options.kernel);
  const gramOf = ialsGramian(options.kernel);
  const lossHistory: number[] = [];
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    const itemGram = gramOf(item, k, 0, shape.items, new Float64Array(k * k));
    const users = solveRows(
      { matrix: byUser, fixed: item, target: user, gram: itemGram },
      0,
      shape.users,
      p,
      scratch,
      solver,
    );
    const userGram = gramOf(user, k, 0, shape.users, new Float64Array(k * k));
    const items = solveRows(
      { matrix: byItem, fixed: user, target: item, gram: userGram },
      0,
      shape.items,
      p,
      scratch,
      solver,
    );
    const loss = items.data + items.penalty + users.penalty;
    lossHistory.push(loss);
    options.onProgress?.({ step: 'epoch', done: epoch + 1, total: p.epochs, detail: { loss } });
  }
  // A last user step, so each stored user vector is solved against the final item factors (as a
  // fold-in is): their scores then split exactly into per-item shares (score-shares.ts).
  if (p.epochs > 0) {
    const itemGram = gramOf(item, k, 0, shape.items, new Float64Array(k * k));
    const target = { matrix: byUser, fixed: item, target: user, gram: itemGram };
    solveRows(target, 0, shape.users, p, scratch, solver);
  }
  const itemCounts = new Int32Array(shape.items);
  for (let i = 0; i < shape.items; i++) itemCounts[i] = byItem.indptr[i + 1]! - byItem.indptr[i]!;
  return ialsModel(p, user, item, itemCounts, lossHistory);
}

/** A model over trained factors (also used by multi-threaded trainers and `ialsFromArtifact`). */
export function ialsModel(
  params: IalsParams,
  userFactors: Float32Array,
  itemFactors: Float32Array,
  itemCounts: Int32Array,
  lossHistory: number[],
): IalsModel {
  const k = params.factors;
  const items = itemCounts.length;
  const users = userFactors.length / k;
  const vector = new Float64Array(k);

  /** out[i] = w·h_i for trained items, −Infinity for items without training data. */
  const score = (w: Float64Array, out: Float32Array): void => {
    for (let i = 0; i < items; i++) {
      if (itemCounts[i] === 0) {
        out[i] = -Infinity;
        continue;
      }
      // Four independent sums: the loop is latency-bound on one accumulator.
      const base = i * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let x = 0;
      for (; x + 3 < k; x += 4) {
        s0 += w[x]! * itemFactors[base + x]!;
        s1 += w[x + 1]! * itemFactors[base + x + 1]!;
        s2 += w[x + 2]! * itemFactors[base + x + 2]!;
        s3 += w[x + 3]! * itemFactors[base + x + 3]!;
      }
      for (; x < k; x++) s0 += w[x]! * itemFactors[base + x]!;
      out[i] = s0 + s1 + s2 + s3;
    }
  };

  // Fold-in state, built on first use: the item Gramian and per-call buffers.
  let itemGram: Float64Array | undefined;
  const scratch = createIalsScratch(k);
  const foldCols = new Int32Array(64);
  const foldWeights = new Float32Array(64);
  const folded = new Float32Array(k);
  const loss = new Float64Array(2);
  let cols = foldCols;
  let weights = foldWeights;
  const exact: IalsParams = { ...params, solver: 'cholesky' };

  return {
    kind: 'ials',
    params,
    users,
    items,
    userFactors,
    itemFactors: { data: itemFactors, k },
    itemCounts,
    lossHistory,
    scoreUser(user, out) {
      for (let x = 0; x < k; x++) vector[x] = userFactors[user * k + x]!;
      score(vector, out);
    },
    foldIn(itemList, ratings, out) {
      // The same regularised least-squares solve as a training row, against fixed item factors.
      itemGram ??= gramian(itemFactors, k, 0, items, new Float64Array(k * k));
      if (cols.length < itemList.length) {
        cols = new Int32Array(itemList.length);
        weights = new Float32Array(itemList.length);
      }
      let len = 0;
      for (let a = 0; a < itemList.length; a++) {
        const item = itemList[a]!;
        const w = implicitWeight(ratings[a]!, params.weighting);
        if (item < 0 || item >= items || itemCounts[item] === 0 || w <= 0) continue;
        cols[len] = item;
        weights[len] = w;
        len++;
      }
      solveRow(
        cols,
        weights,
        0,
        len,
        itemFactors,
        itemGram,
        items,
        exact,
        scratch,
        folded,
        0,
        loss,
      );
      for (let x = 0; x < k; x++) vector[x] = folded[x]!;
      score(vector, out);
    },
    toArtifact(): ModelArtifact {
      return {
        kind: 'ials',
        params: { ...params, users, items, lossHistory },
        arrays: { userFactors, itemFactors, itemCounts },
      };
    },
  };
}

/** Rebuilds an iALS model from its artifact, checking every array's length. */
export function ialsFromArtifact(artifact: ModelArtifact): IalsModel {
  if (artifact.kind !== 'ials') throw new Error(`expected an ials artifact, got ${artifact.kind}`);
  const { users, items, lossHistory, ...rest } = artifact.params as unknown as IalsParams & {
    users: number;
    items: number;
    lossHistory: number[];
  };
  const params: IalsParams = { ...defaultIalsParams, ...rest };
  if (!Number.isInteger(users) || !Number.isInteger(items) || !Number.isInteger(params.factors)) {
    throw new Error('ials artifact: bad shape');
  }
  const k = params.factors;
  return ialsModel(
    params,
    artifactFloat32(artifact, 'userFactors', users * k),
    artifactFloat32(artifact, 'itemFactors', items * k),
    artifactInt32(artifact, 'itemCounts', items),
    Array.isArray(lossHistory) ? lossHistory.map(Number) : [],
  );
}
