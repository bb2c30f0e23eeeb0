/**
 * The compiled kernels (kernels/*.ts, AssemblyScript; docs/kernels.md) as a WebAssembly instance.
 * The bytes are embedded in a generated module, so bundles and workers need no file beside them
 * and this stays pure: compiled synchronously once per thread on first use, each caller then
 * gets an instance of its own with its own memory.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm.ts';

/** The exports of kernels/index.ts; addresses are byte offsets into `memory`. */
export interface WasmKernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  /** kernels/ease-gram.ts: adds XᵀX's upper triangle into gram (n × n f64s). */
  easeGram(
    indptr: number,
    cols: number,
    weights: number,
    rows: number,
    n: number,
    gram: number,
  ): void;
  /** kernels/gibbs-side.ts: one side of the Bayesian MF's Gibbs sweep, in place. */
  gibbsSide(
    start: number,
    other: number,
    rated: number,
    ratedCount: number,
    bias: number,
    factors: number,
    otherFactors: number,
    e: number,
    weight: number,
    hyper: number,
    normals: number,
    h: number,
    k: number,
  ): void;
  /** kernels/gramian.ts: out (k·k + 1 f64s) += the rows' Gramian; scratch holds 2k + 2 f64s. */
  gramian(factors: number, k: number, from: number, to: number, out: number, scratch: number): void;
  /** kernels/ials-rows.ts: 0, or 1 + the first row whose system is not positive definite. */
  ialsRows(
    indptr: number,
    cols: number,
    weights: number,
    rows: number,
    fixed: number,
    gram: number,
    k: number,
    alpha0: number,
    regularization: number,
    frequencyExponent: number,
    otherRows: number,
    exact: boolean,
    steps: number,
    target: number,
    scratch: number,
    loss: number,
  ): number;
  /** kernels/score-panels.ts */
  scorePanels(
    users: number,
    quads: number,
    dim: number,
    panels: number,
    panelCount: number,
    bias: number,
    out: number,
    stride: number,
  ): void;
  /** kernels/select-top-k.ts */
  selectTopK(
    row: number,
    n: number,
    exclude: number,
    excludeCount: number,
    k: number,
    heapScores: number,
    heapItems: number,
    outItems: number,
    outScores: number,
  ): number;
  /** kernels/sweep-update.ts */
  sweepUpdate(a: number, n: number, w: number, cT: number, b: number, k0: number, k1: number): void;
  /** kernels/sgd-epoch.ts */
  sgdEpoch(
    order: number,
    count: number,
    user: number,
    item: number,
    value: number,
    mu: number,
    bu: number,
    bi: number,
    P: number,
    Q: number,
    k: number,
    lr: number,
    biasRegularization: number,
    shrink: number,
  ): number;
}

const PAGE = 65_536;
/** wasm32 addresses 4 GiB. */
const MAX_PAGES = 65_536;

let compiled: WebAssembly.Module | undefined;

/** A new instance of the kernels with an empty memory of its own. */
export function instantiateKernels(): WasmKernels {
  if (compiled === undefined) {
    const text = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  }
  return new WebAssembly.Instance(compiled).exports as unknown as WasmKernels;
}

/**
 * Reserves arrays of the given byte lengths one after another above the heap base, each
 * 16-byte aligned, growing the memory to fit; returns their byte offsets. A grow detaches every
 * view of the memory taken before, so lay out once and take the views after.
 */
export function layOut(kernels: WasmKernels, byteLengths: readonly number[]): number[] {
  const offsets: number[] = [];
  let end = kernels.heapBase();
  for (const length of byteLengths) {
    end = Math.ceil(end / 16) * 16;
    offsets.push(end);
    end += length;
  }
  const pages = Math.ceil(end / PAGE);
  if (pages > MAX_PAGES) {
    throw new RangeError(`kernels: ${end} bytes of arrays exceed WebAssembly's 4 GiB memory`);
  }
  const have = kernels.memory.buffer.byteLength / PAGE;
  if (pages > have) kernels.memory.grow(pages - have);
  return offsets;
}
