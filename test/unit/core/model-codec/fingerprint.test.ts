import { describe, expect, it } from 'vitest';
import { datasetFingerprint, sha256Hex } from '../../../../lambdas/core/model-codec/fingerprint.ts';

const dataset = () => ({
  userIds: new Int32Array([1, 5]),
  itemIds: new Int32Array([10, 20, 30]),
  ratings: {
    user: new Int32Array([0, 1, 1]),
    item: new Int32Array([0, 2, 1]),
    value: new Float32Array([4, 3.5, 5]),
    timestamp: new Uint32Array([100, 200, 300]),
  },
});

describe('fingerprints', () => {
  it('sha256Hex matches the published test vector', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is stable for equal data and changes with any rating field or id', () => {
    const base = datasetFingerprint(dataset());
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetFingerprint(dataset())).toBe(base);
    const changes: ((d: ReturnType<typeof dataset>) => void)[] = [
      (d) => (d.ratings.value[1] = 4),
      (d) => (d.ratings.timestamp[2] = 301),
      (d) => (d.ratings.item[0] = 1),
      (d) => (d.userIds[1] = 6),
      (d) => (d.itemIds[2] = 31),
    ];
    for (const change of changes) {
      const d = dataset();
      change(d);
      expect(datasetFingerprint(d)).not.toBe(base);
    }
  });
});
