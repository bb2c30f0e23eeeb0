/**
 * One SGD pass of the biased matrix factorisation (lambdas/core/models/biased-mf.ts, which holds
 * the formulas and the TypeScript reference) over the ratings in `order`, in f64 like the
 * reference; returns the sum of squared errors seen before each update.
 *
 * p_u·q_i is summed in two f64x2 accumulators (dimensions f ≡ 0,1 and 2,3 mod 4, then a scalar
 * tail), a different order from the reference's: results agree within float rounding. The update
 * p ← (1 − γλ)p + γe·q, q ← (1 − γλ)q + γe·p is elementwise, so lane for lane the same arithmetic.
 *
 * `order`, `user`, `item`: i32; `value`: f32; `bu`, `bi`, `P` (users × k), `Q` (items × k): f64.
 */
export function sgdEpoch(
  order: usize,
  count: i32,
  user: usize,
  item: usize,
  value: usize,
  mu: f64,
  bu: usize,
  bi: usize,
  P: usize,
  Q: usize,
  k: i32,
  lr: f64,
  biasRegularization: f64,
  shrink: f64,
): f64 {
  const rowBytes = (<usize>k) << 3;
  const wideBytes = (<usize>(k & ~3)) << 3;
  const vShrink = f64x2.splat(shrink);
  let squared = 0.0;
  for (let n = 0; n < count; n++) {
    const r = (<usize>load<i32>(order + ((<usize>n) << 2))) << 2;
    const u = <usize>load<i32>(user + r);
    const i = <usize>load<i32>(item + r);
    const pu = P + u * rowBytes;
    const qi = Q + i * rowBytes;
    const bUser = bu + (u << 3);
    const bItem = bi + (i << 3);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let f: usize = 0;
    for (; f < wideBytes; f += 32) {
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(pu + f), v128.load(qi + f)));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(pu + f, 16), v128.load(qi + f, 16)));
    }
    const acc = f64x2.add(acc0, acc1);
    let dot = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    for (; f < rowBytes; f += 8) dot += load<f64>(pu + f) * load<f64>(qi + f);

    const bU = load<f64>(bUser);
    const bI = load<f64>(bItem);
    const e = <f64>load<f32>(value + r) - mu - bU - bI - dot;
    squared += e * e;
    store<f64>(bUser, bU + lr * (e - biasRegularization * bU));
    store<f64>(bItem, bI + lr * (e - biasRegularization * bI));
    const step = lr * e;
    const vStep = f64x2.splat(step);
    for (f = 0; f < wideBytes; f += 16) {
      const pf = v128.load(pu + f);
      const qf = v128.load(qi + f);
      v128.store(pu + f, f64x2.add(f64x2.mul(vShrink, pf), f64x2.mul(vStep, qf)));
      v128.store(qi + f, f64x2.add(f64x2.mul(vShrink, qf), f64x2.mul(vStep, pf)));
    }
    for (; f < rowBytes; f += 8) {
      const pf = load<f64>(pu + f);
      const qf = load<f64>(qi + f);
      store<f64>(pu + f, shrink * pf + step * qf);
      store<f64>(qi + f, shrink * qf + step * pf);
    }
  }
  return squared;
}
