import type { TopN } from '../models/top-n.ts';

/**
 * Dense scores of a block of users against every item of a factor model, the inner step of
 * top-k scoring (factor-top-k.ts), and the selection of each user's best items among them. Two
 * implementations compute the same scores within f32 rounding and select alike from the same
 * scores: the TypeScript reference (typescript-block-scorer.ts) and the WebAssembly SIMD kernels
 * (wasm-block-scorer.ts).
 */
export interface BlockScorer {
  /** Most users one `score` call takes. */
  readonly block: number;
  /** Distance between two users' rows in the returned scores (≥ the item count). */
  readonly stride: number;
  /**
   * Scores users [first, first + count), count ≤ block: user first + b's score of item i, p·q_i
   * (+ b_i), is at [b × stride + i]. The array is reused by the next call.
   */
  score(first: number, count: number): Float32Array;
  /**
   * The input's k best items of row b of the last `score` call, best first, `seen` (sorted item
   * indices) left out: top-n.ts's contract. May overwrite the row; the result is valid until
   * the next call.
   */
  select(b: number, seen: Int32Array): TopN;
}

/** Which implementation scores: the WebAssembly kernel, or the TypeScript reference it is tested against. */
export type ScoringKernel = 'wasm' | 'typescript';
