import type { Ratings } from '../dataset/dataset.ts';
import type { OnProgress } from '../progress.ts';
import type { Rng } from '../random.ts';
import { fillNormals, gammaDeviate } from '../random.ts';
import type { BayesianMfGibbs, GibbsKernel, GibbsSide } from './bayesian-mf-gibbs.ts';
import { typescriptBayesianMfGibbs } from './bayesian-mf-gibbs.ts';
import { wasmBayesianMfGibbs } from './wasm-bayesian-mf-gibbs.ts';

export interface BayesianMfParams {
  /** Latent dimension k. */
  factors: number;
  /** Gibbs sweeps in all, burn-in included. */
  sweeps: number;
  /** Leading sweeps left out of the posterior means. */
  burnIn: number;
  /** Standard deviation of the normal initial factors. */
  initStd: number;
  /**
   * ν of the per-user noise scales τ_u ~ Γ(ν/2, ν/2): a user's ratings have precision α·τ_u, so
   * erratic raters count less (their residuals are Student-t with ν degrees of freedom). 0 keeps
   * one noise precision α for all.
   */
  userNoiseDof: number;
}

/**
 * Measured by rating-cv5 (seed 42) on the ML-100K-like cut, first with one shared noise precision
 * (ν = 0), the sampler alone: k = 8 beat 4, 12, 16, 32 and 64 (k = 16 fits the training ratings
 * more tightly, α ≈ 2.6 against 2.1, and predicts worse); at 100 sweeps with 30 burn-in α has
 * settled, 60 sweeps scored 0.002 worse and 150 only 0.001 better (in the blend) for 1.5× the
 * time; an init σ of 0.3 was worse by 0.005, 0.03 the same. Averaging the factors, not the
 * predictions, over the sweeps: equal at k = 8 and better at k = 16, where the chain has not
 * mixed in 100 sweeps (0.8280 against 0.8305 on one fold), and one biased MF to serve. Per-user
 * noise then gained 0.0025–0.003 in the blend on both stand-ins (ν = 4, 8, 16 within 0.0005 of
 * each other). Two independent chains, blended, gained another 0.001 for twice the time.
 */
export const DEFAULT_BAYESIAN_MF_PARAMS: Readonly<BayesianMfParams> = Object.freeze({
  factors: 8,
  sweeps: 100,
  burnIn: 30,
  initStd: 0.1,
  userNoiseDof: 8,
});

/** Posterior means over the retained sweeps; Float64, row-major factors as in biased-mf.ts. */
export interface BayesianMfPosterior {
  globalMean: number;
  userBias: Float64Array;
  itemBias: Float64Array;
  userFactors: Float64Array;
  itemFactors: Float64Array;
  /** Training RMSE after each sweep. */
  rmseHistory: number[];
}

export function checkBayesianMfParams(params: BayesianMfParams): void {
  for (const name of ['factors', 'sweeps'] as const) {
    if (!Number.isInteger(params[name]) || params[name] < 1) {
      throw new RangeError(`bayesian-mf: ${name} must be a positive integer, got ${params[name]}`);
    }
  }
  if (!Number.isInteger(params.burnIn) || params.burnIn < 0 || params.burnIn >= params.sweeps) {
    throw new RangeError(
      `bayesian-mf: burnIn must be an integer in [0, sweeps), got ${params.burnIn}`,
    );
  }
  for (const name of ['initStd', 'userNoiseDof'] as const) {
    if (!(Number.isFinite(params[name]) && params[name] >= 0)) {
      throw new RangeError(`bayesian-mf: ${name} must be a finite number ≥ 0, got ${params[name]}`);
    }
  }
}

/**
 * Bayesian matrix factorisation with biases, r(u,i) ~ N(w0 + b_u + b_i + p_u·q_i, 1/(α τ_u)),
 * sampled by single-coordinate Gibbs sampling as in libFM's MCMC (Freudenthaler, Schmidt-Thieme &
 * Rendle 2011, "Bayesian Factorization Machines"; Rendle 2012, "Factorization Machines with
 * libFM", ACM TIST 3(3), §4.3), the hierarchical model of Salakhutdinov & Mnih 2008 ("Bayesian
 * Probabilistic Matrix Factorization using Markov Chain Monte Carlo") with diagonal priors, and
 * per-user noise scales τ_u ~ Γ(ν/2, ν/2) as in Lakshminarayanan, Bouchard & Archambeau 2011
 * ("Robust Bayesian Matrix Factorisation", AISTATS). Priors: w0 flat; each user bias
 * b_u ~ N(μ_b, 1/λ_b) and each user factor p_uf ~ N(μ_f, 1/λ_f), one (μ, λ) per dimension and
 * side, with Normal-Gamma hyperpriors μ ~ N(0, 1/(γ0 λ)), λ ~ Γ(α_λ/2, β_λ/2), and
 * α ~ Γ(α0/2, β0/2), all of γ0, α_λ, β_λ, α0, β0 = 1 — so the regularisation is learned, not tuned.
 *
 * A sweep draws α, the τ_u, w0, then for each side (users, then items) all its hyperparameters and then,
 * row by row, each row's bias and its k factors (every value given the current rest, so a valid
 * Gibbs scan). With e_n = r_n − r̂_n the residuals and
 * h_n = ∂r̂_n/∂θ (1 for a bias, q_if for p_uf) and w_n = α τ_u the precision of rating n, each θ
 * is drawn from its full conditional
 *   λ* = Σ w_n h_n² + λ_θ,  μ* = (Σ w_n (e_n + θ h_n) h_n + μ_θ λ_θ) / λ*,  θ ~ N(μ*, 1/λ*),
 * and the residuals are updated by the change. The hyperparameters of a group of N values θ_j:
 *   λ ~ Γ((α_λ + N + 1)/2, (β_λ + Σ (θ_j − μ)² + γ0 μ²)/2),  μ ~ N(Σ θ_j/(N + γ0), 1/((N + γ0) λ)),
 *   α ~ Γ((α0 + n)/2, (β0 + Σ_u τ_u Σ_{n∈u} e_n²)/2),  τ_u ~ Γ((ν + n_u)/2, (ν + α Σ_{n∈u} e_n²)/2).
 * The result is the mean of every parameter over the sweeps after `burnIn` — the factors averaged
 * as vectors, so it serves as one biased MF. Rows without ratings keep zero biases and factors.
 *
 * The residuals live twice, in user order and in item order (copied across between the sides).
 * The row loop runs on the WebAssembly kernel (kernels/gibbs-side.ts) unless `options.gibbs` asks
 * for the TypeScript reference (bayesian-mf-gibbs.ts); the normal deviates are drawn here, so
 * both give the same samples for a seed.
 */
export function sampleBayesianMf(
  train: Ratings,
  shape: { users: number; items: number },
  params: BayesianMfParams,
  rng: Rng,
  options: { onProgress?: OnProgress; gibbs?: GibbsKernel } = {},
): BayesianMfPosterior {
  checkBayesianMfParams(params);
  const { users, items } = shape;
  const k = params.factors;
  const nnz = train.value.length;

  // User-major order, and for item-major position m the user-major position fromUser[m].
  const userStart = rowStarts(train.user, users, 'user');
  const itemOfU = new Int32Array(nnz);
  const valueU = new Float64Array(nnz);
  const fill = userStart.slice(0, users);
  for (let n = 0; n < nnz; n++) {
    const at = fill[train.user[n]!]!++;
    itemOfU[at] = train.item[n]!;
    valueU[at] = train.value[n]!;
  }
  const itemStart = rowStarts(itemOfU, items, 'item');
  const userOfI = new Int32Array(nnz);
  const fromUser = new Int32Array(nnz);
  const itemFill = itemStart.slice(0, items);
  for (let u = 0; u < users; u++) {
    for (let n = userStart[u]!; n < userStart[u + 1]!; n++) {
      const at = itemFill[itemOfU[n]!]!++;
      userOfI[at] = u;
      fromUser[at] = n;
    }
  }
  const ratedUsers = ratedRows(userStart);
  const ratedItems = ratedRows(itemStart);
  const setup = {
    users,
    items,
    ratings: nnz,
    k,
    ratedUsers: ratedUsers.length,
    ratedItems: ratedItems.length,
    longestRow: Math.max(longest(userStart), longest(itemStart)),
  };
  const gibbs =
    options.gibbs === 'typescript' ? typescriptBayesianMfGibbs(setup) : wasmBayesianMfGibbs(setup);
  const { user, item } = gibbs;
  user.start.set(userStart);
  user.other.set(itemOfU);
  user.rated.set(ratedUsers);
  item.start.set(itemStart);
  item.other.set(userOfI);
  item.rated.set(ratedItems);
  for (const side of [user, item]) {
    side.hyper.fill(0, 0, k + 1);
    side.hyper.fill(1, k + 1);
    for (const r of side.rated) {
      for (let f = 0; f < k; f++) side.factors[r * k + f] = rng.normal() * params.initStd;
    }
  }

  const eU = user.e;
  let w0 = 0;
  for (let n = 0; n < nnz; n++) w0 += valueU[n]!;
  w0 = nnz > 0 ? w0 / nnz : 0;
  for (let u = 0; u < users; u++) {
    for (let n = userStart[u]!; n < userStart[u + 1]!; n++) {
      const i = itemOfU[n]!;
      let dot = 0;
      for (let f = 0; f < k; f++) dot += user.factors[u * k + f]! * item.factors[i * k + f]!;
      eU[n] = valueU[n]! - w0 - dot;
    }
  }

  const sum = {
    w0: 0,
    userBias: new Float64Array(users),
    itemBias: new Float64Array(items),
    userFactors: new Float64Array(users * k),
    itemFactors: new Float64Array(items * k),
  };
  const eI = item.e;
  // Each user's Σe² (for α and τ_u), kept up to date by the pass that ends each sweep.
  const squares = new Float64Array(users);
  for (let u = 0; u < users; u++) {
    for (let n = userStart[u]!; n < userStart[u + 1]!; n++) squares[u] = squares[u]! + eU[n]! ** 2;
  }
  const tau = new Float64Array(users).fill(1);
  const nu = params.userNoiseDof;
  const rmseHistory: number[] = [];
  for (let sweep = 0; sweep < params.sweeps; sweep++) {
    let weighted = 0;
    for (const u of user.rated) weighted += tau[u]! * squares[u]!;
    const alpha = gammaDeviate(rng, (1 + nnz) / 2, (1 + weighted) / 2);
    for (const u of user.rated) {
      if (nu > 0) {
        const count = userStart[u + 1]! - userStart[u]!;
        tau[u] = gammaDeviate(rng, (nu + count) / 2, (nu + alpha * squares[u]!) / 2);
      }
      const precision = alpha * tau[u]!;
      user.weight.fill(precision, userStart[u]!, userStart[u + 1]!);
    }
    if (nnz > 0) {
      // w0 under a flat prior: N(w0 + Σwe/Σw, 1/Σw).
      let sw = 0;
      let swe = 0;
      for (let n = 0; n < nnz; n++) {
        sw += user.weight[n]!;
        swe += user.weight[n]! * eU[n]!;
      }
      const next = w0 + swe / sw + rng.normal() / Math.sqrt(sw);
      const change = next - w0;
      for (let n = 0; n < nnz; n++) eU[n] = eU[n]! - change;
      w0 = next;
    }

    drawSide(gibbs, 'user', k, rng);
    for (let m = 0; m < nnz; m++) {
      const n = fromUser[m]!;
      eI[m] = eU[n]!;
      item.weight[m] = user.weight[n]!;
    }
    drawSide(gibbs, 'item', k, rng);
    squares.fill(0);
    let sse = 0;
    for (let m = 0; m < nnz; m++) {
      const em = eI[m]!;
      eU[fromUser[m]!] = em;
      const u = userOfI[m]!;
      squares[u] = squares[u]! + em * em;
      sse += em * em;
    }

    const rmse = nnz > 0 ? Math.sqrt(sse / nnz) : 0;
    rmseHistory.push(rmse);
    if (sweep >= params.burnIn) {
      sum.w0 += w0;
      accumulate(sum.userBias, user.bias);
      accumulate(sum.itemBias, item.bias);
      accumulate(sum.userFactors, user.factors);
      accumulate(sum.itemFactors, item.factors);
    }
    options.onProgress?.({
      step: 'sweep',
      done: sweep + 1,
      total: params.sweeps,
      detail: { rmse },
    });
  }

  const kept = params.sweeps - params.burnIn;
  for (const array of [sum.userBias, sum.itemBias, sum.userFactors, sum.itemFactors]) {
    for (let x = 0; x < array.length; x++) array[x] = array[x]! / kept;
  }
  return {
    globalMean: sum.w0 / kept,
    userBias: sum.userBias,
    itemBias: sum.itemBias,
    userFactors: sum.userFactors,
    itemFactors: sum.itemFactors,
    rmseHistory,
  };
}

function rowStarts(index: Int32Array, rows: number, name: string): Int32Array {
  const start = new Int32Array(rows + 1);
  for (let n = 0; n < index.length; n++) {
    const r = index[n]!;
    if (!(r >= 0 && r < rows)) {
      throw new RangeError(`bayesian-mf: rating ${n} has ${name} ${r} outside the shape`);
    }
    start[r + 1] = start[r + 1]! + 1;
  }
  for (let r = 0; r < rows; r++) start[r + 1] = start[r + 1]! + start[r]!;
  return start;
}

function ratedRows(start: Int32Array): Int32Array {
  const rated: number[] = [];
  for (let r = 0; r + 1 < start.length; r++) if (start[r + 1]! > start[r]!) rated.push(r);
  return Int32Array.from(rated);
}

function longest(start: Int32Array): number {
  let most = 0;
  for (let r = 0; r + 1 < start.length; r++) most = Math.max(most, start[r + 1]! - start[r]!);
  return most;
}

/**
 * Draws one side's hyperparameters (as one block), then its deviates, then runs the kernel over
 * its rows (a valid Gibbs scan: every value is drawn given the current hyperparameters).
 */
function drawSide(gibbs: BayesianMfGibbs, which: 'user' | 'item', k: number, rng: Rng): void {
  const side = gibbs[which];
  sampleHyperparameters(side, side.bias, 1, 0, k, k, rng);
  for (let f = 0; f < k; f++) sampleHyperparameters(side, side.factors, k, f, f, k, rng);
  fillNormals(rng, gibbs.normals, side.rated.length * (k + 1));
  gibbs.sweepSide(which);
}

/**
 * Draws (μ, λ) of hyper slot `slot` from the values[r · stride + offset] of the rated rows: λ
 * given the current μ, then μ given the new λ (libFM's order).
 */
function sampleHyperparameters(
  side: GibbsSide,
  values: Float64Array,
  stride: number,
  offset: number,
  slot: number,
  k: number,
  rng: Rng,
): void {
  const count = side.rated.length;
  if (count === 0) return;
  const mu = side.hyper[slot]!;
  let s = 0;
  let ss = 0;
  for (const r of side.rated) {
    const v = values[r * stride + offset]!;
    s += v;
    ss += (v - mu) * (v - mu);
  }
  const lambda = gammaDeviate(rng, (1 + count + 1) / 2, (1 + ss + mu * mu) / 2);
  side.hyper[k + 1 + slot] = lambda;
  side.hyper[slot] = s / (count + 1) + rng.normal() / Math.sqrt((count + 1) * lambda);
}

function accumulate(into: Float64Array, values: Float64Array): void {
  for (let x = 0; x < values.length; x++) into[x] = into[x]! + values[x]!;
}
