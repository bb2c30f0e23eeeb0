/**
 * One side of the Bayesian MF's Gibbs sweep (lambdas/core/models/bayesian-mf.ts has the model and
 * its formulas; `gibbsSide` in lambdas/core/models/bayesian-mf-gibbs.ts is the TypeScript
 * reference): each rated row's bias, then its k factors, drawn from their full conditionals with
 * the standard normal deviates in `normals` and each rating's noise precision in `weight`, the
 * residuals `e` updated after each draw. Scalar
 * f64 in the reference's order, so the results are bit for bit the reference's; the gain is
 * WebAssembly's unchecked loads in the streaming passes.
 *
 * `start` (rows + 1), `other`, `rated`: i32; `bias`, `factors` (rows × k), `otherFactors`, `e`,
 * `weight`,
 * `hyper` (k + 1 prior means, the bias's last, then their k + 1 precisions), `normals`
 * (ratedCount × (k + 1)), `h` (longest row × k, scratch): f64.
 */
export function gibbsSide(
  start: usize,
  other: usize,
  rated: usize,
  ratedCount: i32,
  bias: usize,
  factors: usize,
  otherFactors: usize,
  e: usize,
  weight: usize,
  hyper: usize,
  normals: usize,
  h: usize,
  k: i32,
): void {
  const kk = <usize>k;
  const biasMean = load<f64>(hyper + (kk << 3));
  const biasPrecision = load<f64>(hyper + ((2 * kk + 1) << 3));
  let z = normals;
  for (let x = 0; x < ratedCount; x++) {
    const r = <usize>load<i32>(rated + ((<usize>x) << 2));
    const a = <usize>load<i32>(start + (r << 2));
    const len = <usize>load<i32>(start + ((r + 1) << 2)) - a;
    const ea = e + (a << 3);
    const wa = weight + (a << 3);
    let we = 0.0;
    let ws = 0.0;
    for (let j: usize = 0; j < len; j++) {
      const wj = load<f64>(wa + (j << 3));
      we += wj * load<f64>(ea + (j << 3));
      ws += wj;
    }
    const biasAt = bias + (r << 3);
    const oldBias = load<f64>(biasAt);
    const biasPost = ws + biasPrecision;
    const biasCentre = (we + oldBias * ws + biasMean * biasPrecision) / biasPost;
    const nextBias = biasCentre + load<f64>(z) / Math.sqrt(biasPost);
    z += 8;
    const biasChange = nextBias - oldBias;
    store<f64>(biasAt, nextBias);
    const oa = other + (a << 2);
    for (let j: usize = 0; j < len; j++) {
      const at = otherFactors + ((<usize>load<i32>(oa + (j << 2)) * kk) << 3);
      for (let f: usize = 0; f < kk; f++) {
        store<f64>(h + ((f * len + j) << 3), load<f64>(at + (f << 3)));
      }
    }
    let hh = 0.0;
    let he = 0.0;
    for (let j: usize = 0; j < len; j++) {
      const en = load<f64>(ea + (j << 3)) - biasChange;
      store<f64>(ea + (j << 3), en);
      const hj = load<f64>(h + (j << 3));
      const whj = load<f64>(wa + (j << 3)) * hj;
      hh += whj * hj;
      he += whj * en;
    }
    const row = factors + ((r * kk) << 3);
    for (let f: usize = 0; f < kk; f++) {
      const old = load<f64>(row + (f << 3));
      const priorMean = load<f64>(hyper + (f << 3));
      const priorPrecision = load<f64>(hyper + ((kk + 1 + f) << 3));
      const post = hh + priorPrecision;
      const centre = (he + old * hh + priorMean * priorPrecision) / post;
      const next = centre + load<f64>(z) / Math.sqrt(post);
      z += 8;
      const change = next - old;
      store<f64>(row + (f << 3), next);
      hh = 0.0;
      he = 0.0;
      const hf = h + ((f * len) << 3);
      if (f + 1 < kk) {
        const hn = hf + (len << 3);
        for (let j: usize = 0; j < len; j++) {
          const en = load<f64>(ea + (j << 3)) - change * load<f64>(hf + (j << 3));
          store<f64>(ea + (j << 3), en);
          const hj = load<f64>(hn + (j << 3));
          const whj = load<f64>(wa + (j << 3)) * hj;
          hh += whj * hj;
          he += whj * en;
        }
      } else {
        for (let j: usize = 0; j < len; j++) {
          store<f64>(ea + (j << 3), load<f64>(ea + (j << 3)) - change * load<f64>(hf + (j << 3)));
        }
      }
    }
  }
}
