/**
 * Dense scores of a block of users against every item of a factor model, the inner step of
 * top-k scoring (factor-top-k.ts). Two implementations compute the same scores within f32
 * rounding: the TypeScript reference (typescript-block-scorer.ts) and the WebAssembly SIMD
 * kernel (wasm-block-scorer.ts).
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
}

/** Which implementation scores: the WebAssembly kernel, or the TypeScript reference it is tested against. */
export type ScoringKernel = 'wasm' | 'typescript';
