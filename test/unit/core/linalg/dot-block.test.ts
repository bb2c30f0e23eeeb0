import { describe, expect, it } from 'vitest';
import { dotBlock4 } from '../../../../lambdas/core/linalg/dot-block.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

const naiveDot = (a: Float32Array, at: number, b: Float32Array, bt: number, dim: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[at + d]! * b[bt + d]!;
  return s;
};

describe('dotBlock4', () => {
  it('matches one dot product at a time, odd ranges and repeated rows included', () => {
    const rng = createRng(5);
    const dim = 7;
    const A = Float32Array.from({ length: 6 * dim }, () => rng.normal());
    const B = Float32Array.from({ length: 9 * dim }, () => rng.normal());
    const rows = [0, 5 * dim, 2 * dim, 2 * dim];
    const out = new Float32Array(4 * 9).fill(-99);
    dotBlock4(A, rows[0]!, rows[1]!, rows[2]!, rows[3]!, B, 2, 9, dim, out, 0, 9, 18, 27);
    for (let r = 0; r < 4; r++) {
      expect(out.subarray(r * 9, r * 9 + 2)).toEqual(new Float32Array([-99, -99]));
      for (let j = 2; j < 9; j++) {
        expect(out[r * 9 + j]).toBeCloseTo(naiveDot(A, rows[r]!, B, j * dim, dim), 5);
      }
    }
  });
});
