import { describe, expect, it } from 'vitest';
import { kFold } from '../../../../lambdas/core/evaluation/kfold.ts';

describe('kFold', () => {
  it('tests every position exactly once, with fold sizes within one', () => {
    const folds = kFold(23, { folds: 5, seed: 3 });
    expect(folds).toHaveLength(5);
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    const tested = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 23 }, (_, k) => k));
  });

  it('trains each fold on exactly the positions it does not test', () => {
    for (const { train, test } of kFold(100, { folds: 5, seed: 9 })) {
      expect(train.length + test.length).toBe(100);
      const all = [...train, ...test].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 100 }, (_, k) => k));
    }
  });

  it('is fixed by the seed and shuffles (folds are not contiguous runs)', () => {
    const a = kFold(50, { folds: 5, seed: 1 });
    const b = kFold(50, { folds: 5, seed: 1 });
    const c = kFold(50, { folds: 5, seed: 2 });
    expect(a.map((f) => Array.from(f.test))).toEqual(b.map((f) => Array.from(f.test)));
    expect(a.map((f) => Array.from(f.test))).not.toEqual(c.map((f) => Array.from(f.test)));
    expect(Array.from(a[0]!.test)).not.toEqual(Array.from({ length: 10 }, (_, k) => k));
  });

  it('rejects impossible splits', () => {
    expect(() => kFold(3, { folds: 5, seed: 1 })).toThrow(/cannot cut/);
    expect(() => kFold(10, { folds: 1, seed: 1 })).toThrow(/folds/);
  });
});
