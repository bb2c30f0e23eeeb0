/**
 * The WebAssembly kernels of MovieRec (built by `npm run build:kernels` into
 * lambdas/core/kernels/kernels-wasm.ts; docs/kernels.md). Raw linear memory, no managed objects:
 * the TypeScript side lays out its arrays above `heapBase()` and grows the memory itself.
 */
export { easeGram } from './ease-gram';
export { gibbsSide } from './gibbs-side';
export { gramian } from './gramian';
export { ialsRows } from './ials-rows';
export { scorePanels } from './score-panels';
export { selectTopK } from './select-top-k';
export { sgdEpoch } from './sgd-epoch';
export { sweepUpdate } from './sweep-update';

/** First byte of linear memory free for the caller's arrays. */
export function heapBase(): usize {
  return __heap_base;
}
