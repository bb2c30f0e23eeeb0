import { describe, expect, it } from 'vitest';
import { invertSpdInPlace } from '../../../../lambdas/core/linalg/spd-inverse.ts';
import { createRng } from '../../../../lambdas/core/random.ts';

describe('invertSpdInPlace', () => {
  it('inverts a known 2×2 matrix', () => {
    const a = Float64Array.from([2, 1, 1, 3]);
    invertSpdInPlace(a, 2);
    [0.6, -0.2, -0.2, 0.4].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
  });

  it('gives A·A⁻¹ = I across several pivot blocks', () => {
    const n = 75; // more than two blocks of 32, the last one partial
    const rng = createRng(3);
    const m = Float64Array.from({ length: n * n }, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let p = 0; p < n; p++) s += m[i * n + p]! * m[j * n + p]!;
        a[i * n + j] = s;
      }
    }
    const inv = a.slice();
    invertSpdInPlace(inv, n);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += a[i * n + p]! * inv[p * n + j]!;
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
        expect(inv[i * n + j]).toBe(inv[j * n + i]);
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => invertSpdInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(RangeError);
  });

  it('gives the same inverse bit for bit on the WebAssembly kernel as on the TypeScript loop', () => {
    // Sizes around the block of 32 and the kernel's 8 columns at a time, and one pivot.
    for (const n of [1, 7, 32, 33, 75, 130]) {
      const rng = createRng(n);
      const m = Float64Array.from({ length: n * n }, () => rng.normal());
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = i === j ? 0.5 : 0;
          for (let p = 0; p < n; p++) s += m[i * n + p]! * m[j * n + p]!;
          a[i * n + j] = s;
        }
      }
      const reference = a.slice();
      invertSpdInPlace(reference, n, 'typescript');
      const wasm = a.slice();
      invertSpdInPlace(wasm, n, 'wasm');
      expect(wasm).toEqual(reference);
    }
    expect(() => invertSpdInPlace(Float64Array.from([1, 2, 2, 1]), 2, 'wasm')).toThrow(RangeError);
  });
});
