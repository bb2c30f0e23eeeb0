/**
 * The hot loop of the Bayesian MF's Gibbs sampler (bayesian-mf.ts has the model and its
 * formulas): one side's biases and factors drawn row by row given that side's hyperparameters,
 * each rating's noise precision and standard normal deviates drawn beforehand. The TypeScript reference
 * is here, the WebAssembly kernel in wasm-bayesian-mf-gibbs.ts; both do the same f64 arithmetic in
 * the same order. Both keep their arrays where their loop reads them, so the sampler fills and
 * reads them in place.
 */

/** One side (users or items), in that side's rating order. */
export interface GibbsSide {
  /** CSR: the ratings of row r are start[r]..start[r + 1]. */
  start: Int32Array;
  /** The other side's index of each rating. */
  other: Int32Array;
  /** The rows with at least one rating, the only ones drawn. */
  rated: Int32Array;
  bias: Float64Array;
  /** rows × k, row-major. */
  factors: Float64Array;
  /** The prior means of the k dimensions and the bias (slot k), then their precisions. */
  hyper: Float64Array;
  /** Residuals r − r̂ of the ratings in this side's order. */
  e: Float64Array;
  /** Each rating's noise precision α·τ_u, in this side's order. */
  weight: Float64Array;
}

export interface BayesianMfGibbs {
  user: GibbsSide;
  item: GibbsSide;
  /**
   * Standard normal deviates for the next `sweepSide`: per rated row in order, the bias's, then
   * one per dimension — rated.length × (k + 1) of them.
   */
  normals: Float64Array;
  /** Draws every rated row of `side`, updating its biases, factors and residuals in place. */
  sweepSide(side: 'user' | 'item'): void;
}

/** Which implementation runs the sweeps: the WebAssembly kernel or the TypeScript reference. */
export type GibbsKernel = 'wasm' | 'typescript';

export interface GibbsSetup {
  users: number;
  items: number;
  ratings: number;
  k: number;
  ratedUsers: number;
  ratedItems: number;
  /** The most ratings of any user or item. */
  longestRow: number;
}

/** The TypeScript reference, on the JavaScript heap. */
export function typescriptBayesianMfGibbs(setup: GibbsSetup): BayesianMfGibbs {
  const { k } = setup;
  const side = (rows: number, rated: number): GibbsSide => ({
    start: new Int32Array(rows + 1),
    other: new Int32Array(setup.ratings),
    rated: new Int32Array(rated),
    bias: new Float64Array(rows),
    factors: new Float64Array(rows * k),
    hyper: new Float64Array(2 * (k + 1)),
    e: new Float64Array(setup.ratings),
    weight: new Float64Array(setup.ratings),
  });
  const user = side(setup.users, setup.ratedUsers);
  const item = side(setup.items, setup.ratedItems);
  const normals = new Float64Array(Math.max(setup.ratedUsers, setup.ratedItems) * (k + 1));
  const h = new Float64Array(setup.longestRow * k);
  return {
    user,
    item,
    normals,
    sweepSide: (which) => {
      const [self, other] = which === 'user' ? [user, item] : [item, user];
      gibbsSide(self, other.factors, h, normals, k);
    },
  };
}

/**
 * For each rated row: its bias from N(μ*, 1/λ*) with λ* = Σ w + λ_b, μ* = (Σ w(e + b) + μ_b λ_b)/λ*
 * (w each rating's noise precision), then each dimension f likewise with h = q_f (bayesian-mf.ts),
 * the residuals updated after each draw. The row's other-side factors are first copied dimension-major into `h`, so each pass
 * streams; each pass applies one draw's change to e and sums Σwh², Σwh·e for the next.
 */
function gibbsSide(
  side: GibbsSide,
  otherFactors: Float64Array,
  h: Float64Array,
  normals: Float64Array,
  k: number,
): void {
  const { start, other, rated, bias, factors, hyper, e, weight } = side;
  const biasMean = hyper[k]!;
  const biasPrecision = hyper[2 * k + 1]!;
  let z = 0;
  for (let x = 0; x < rated.length; x++) {
    const r = rated[x]!;
    const a = start[r]!;
    const len = start[r + 1]! - a;
    let we = 0;
    let ws = 0;
    for (let j = 0; j < len; j++) {
      const wj = weight[a + j]!;
      we += wj * e[a + j]!;
      ws += wj;
    }
    const oldBias = bias[r]!;
    const biasPost = ws + biasPrecision;
    const biasCentre = (we + oldBias * ws + biasMean * biasPrecision) / biasPost;
    const nextBias = biasCentre + normals[z++]! / Math.sqrt(biasPost);
    const biasChange = nextBias - oldBias;
    bias[r] = nextBias;
    for (let j = 0; j < len; j++) {
      const at = other[a + j]! * k;
      for (let f = 0; f < k; f++) h[f * len + j] = otherFactors[at + f]!;
    }
    let hh = 0;
    let he = 0;
    for (let j = 0; j < len; j++) {
      const en = e[a + j]! - biasChange;
      e[a + j] = en;
      const whj = weight[a + j]! * h[j]!;
      hh += whj * h[j]!;
      he += whj * en;
    }
    const row = r * k;
    for (let f = 0; f < k; f++) {
      const old = factors[row + f]!;
      const priorMean = hyper[f]!;
      const priorPrecision = hyper[k + 1 + f]!;
      const post = hh + priorPrecision;
      const centre = (he + old * hh + priorMean * priorPrecision) / post;
      const next = centre + normals[z++]! / Math.sqrt(post);
      const change = next - old;
      factors[row + f] = next;
      hh = 0;
      he = 0;
      const base = f * len;
      if (f + 1 < k) {
        for (let j = 0; j < len; j++) {
          const en = e[a + j]! - change * h[base + j]!;
          e[a + j] = en;
          const hj = h[base + len + j]!;
          const whj = weight[a + j]! * hj;
          hh += whj * hj;
          he += whj * en;
        }
      } else {
        for (let j = 0; j < len; j++) e[a + j] = e[a + j]! - change * h[base + j]!;
      }
    }
  }
}
