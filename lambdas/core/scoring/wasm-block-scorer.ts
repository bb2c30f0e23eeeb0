import { instantiateKernels, layOut } from '../kernels/wasm-kernels.ts';
import type { BlockScorer } from './block-scorer.ts';
import type { FactorScoringInput } from './factor-top-k.ts';

/** Users per call: four quads of the kernel's 4 × 8 tile share each item panel while it is hot. */
const USER_BLOCK = 16;
/** Items per panel of kernels/score-panels.ts. */
const PANEL = 8;

/**
 * The WebAssembly SIMD scorer (kernels/score-panels.ts, kernels/select-top-k.ts): the item
 * factors and biases are copied once into the instance's memory, packed into panels of 8 items
 * (zero-padded), each block's user rows are copied in before the kernel runs, and each user's
 * rated items before the selection. Dot products are summed in f32.
 */
export function wasmBlockScorer(input: FactorScoringInput): BlockScorer {
  const { items, factors: f, userFactors: P, itemFactors: Q, itemBias } = input;
  const panelCount = Math.ceil(items / PANEL);
  const stride = panelCount * PANEL;
  const kernels = instantiateKernels();
  const k = Math.max(0, Math.min(input.k, items));
  // prettier-ignore
  const [users, panels, bias, out, exclude, heapScores, heapItems, bestItems, bestScores] = layOut(
    kernels,
    [USER_BLOCK * f * 4, stride * f * 4, stride * 4, USER_BLOCK * stride * 4, items * 4, k * 4, k * 4, k * 4, k * 4],
  ) as [number, number, number, number, number, number, number, number, number];
  const buffer = kernels.memory.buffer;
  const userRows = new Float32Array(buffer, users, USER_BLOCK * f);
  const packed = new Float32Array(buffer, panels, stride * f);
  for (let i = 0; i < items; i++) {
    const at = (i - (i % PANEL)) * f + (i % PANEL);
    for (let d = 0; d < f; d++) packed[at + d * PANEL] = Q[i * f + d]!;
  }
  if (itemBias !== null) new Float32Array(buffer, bias, stride).set(itemBias);
  const scores = new Float32Array(buffer, out, USER_BLOCK * stride);
  const excluded = new Int32Array(buffer, exclude, items);
  const best = {
    items: new Int32Array(buffer, bestItems, k),
    scores: new Float32Array(buffer, bestScores, k),
  };
  return {
    block: USER_BLOCK,
    stride,
    score(first, count) {
      const quads = Math.ceil(count / 4);
      userRows.set(P.subarray(first * f, (first + count) * f));
      // A short last quad repeats its last user; the extra rows are computed and ignored.
      const last = P.subarray((first + count - 1) * f, (first + count) * f);
      for (let b = count; b < quads * 4; b++) userRows.set(last, b * f);
      kernels.scorePanels(users, quads, f, panels, panelCount, bias, out, stride);
      return scores;
    },
    select(b, seen) {
      if (seen.length > items) {
        throw new RangeError(`scoring: ${seen.length} excluded items, the catalogue has ${items}`);
      }
      excluded.set(seen);
      // prettier-ignore
      const count = kernels.selectTopK(out + b * stride * 4, items, exclude, seen.length, k, heapScores, heapItems, bestItems, bestScores);
      return { items: best.items.subarray(0, count), scores: best.scores.subarray(0, count) };
    },
  };
}
