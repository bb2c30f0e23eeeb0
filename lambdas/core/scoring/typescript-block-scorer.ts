import { dotBlock4 } from '../linalg/dot-block.ts';
import { topN } from '../models/top-n.ts';
import type { BlockScorer } from './block-scorer.ts';
import type { FactorScoringInput } from './factor-top-k.ts';

/** Users scored together (dotBlock4's tile height), so each item row is read once per block. */
const USER_BLOCK = 4;

/**
 * The TypeScript reference scorer: dotBlock4 over four users at a time (dot products summed in
 * f64, stored as f32), then the item bias added in f32; topN selects. Typed-array reads use `!`.
 */
export function typescriptBlockScorer(input: FactorScoringInput): BlockScorer {
  const { items, factors: f, userFactors: P, itemFactors: Q, itemBias } = input;
  const scores = new Float32Array(USER_BLOCK * items);
  return {
    block: USER_BLOCK,
    stride: items,
    score(first, count) {
      // A short block repeats its last user; the extra rows are computed and ignored.
      const row = (b: number) => (first + Math.min(b, count - 1)) * f;
      // prettier-ignore
      dotBlock4(P, row(0), row(1), row(2), row(3), Q, 0, items, f, scores, 0, items, 2 * items, 3 * items);
      if (itemBias !== null) {
        for (let b = 0; b < count; b++) {
          const at = b * items;
          for (let i = 0; i < items; i++) scores[at + i]! += itemBias[i]!;
        }
      }
      return scores;
    },
    select: (b, seen) => topN(scores.subarray(b * items, (b + 1) * items), input.k, seen),
  };
}
