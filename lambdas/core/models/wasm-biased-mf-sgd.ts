import type { Ratings } from '../dataset/dataset.ts';
import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';
import type { BiasedMfSgd, SgdSetup } from './biased-mf-sgd.ts';

/**
 * The epochs on the WebAssembly SIMD kernel (kernels/sgd-epoch.ts): the ratings are copied once
 * into the instance's memory (16 bytes each), where the order, biases and factors live too.
 */
export function wasmBiasedMfSgd(train: Ratings, setup: SgdSetup): BiasedMfSgd {
  const { users, items, k } = setup;
  const nnz = train.value.length;
  const kernels = instantiateKernels();
  const [order, user, item, value, bu, bi, P, Q] = layOut(kernels, [
    nnz * 4,
    nnz * 4,
    nnz * 4,
    nnz * 4,
    users * 8,
    items * 8,
    users * k * 8,
    items * k * 8,
  ]) as [number, number, number, number, number, number, number, number];
  const buffer = kernels.memory.buffer;
  new Int32Array(buffer, user, nnz).set(train.user);
  new Int32Array(buffer, item, nnz).set(train.item);
  new Float32Array(buffer, value, nnz).set(train.value);
  const { biasRegularization, factorRegularization } = setup;
  return {
    order: new Int32Array(buffer, order, nnz),
    bu: new Float64Array(buffer, bu, users),
    bi: new Float64Array(buffer, bi, items),
    P: new Float64Array(buffer, P, users * k),
    Q: new Float64Array(buffer, Q, items * k),
    epoch: (mu, lr) =>
      kernels.sgdEpoch(
        order,
        nnz,
        user,
        item,
        value,
        mu,
        bu,
        bi,
        P,
        Q,
        k,
        lr,
        biasRegularization,
        1 - lr * factorRegularization,
      ),
  };
}
