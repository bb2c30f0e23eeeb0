import { describe, expect, it } from 'vitest';
import {
  fromLittleEndianBytes,
  toLittleEndianBytes,
} from '../../../../lambdas/core/model-codec/little-endian.ts';

describe('little-endian arrays', () => {
  const floats = new Float32Array([1, -2.5, 1e-40, Number.POSITIVE_INFINITY]);
  const ints = new Int32Array([1, -1, 0x01020304]);

  it('the DataView path and the host-order path write the same bytes', () => {
    expect(toLittleEndianBytes(floats, false)).toEqual(toLittleEndianBytes(floats, true));
    expect(Array.from(toLittleEndianBytes(ints, false).subarray(8))).toEqual([4, 3, 2, 1]);
  });

  it('both paths read back what was written', () => {
    for (const host of [true, false]) {
      expect(fromLittleEndianBytes(toLittleEndianBytes(floats, host), 'float32', host)).toEqual(
        floats,
      );
      expect(fromLittleEndianBytes(toLittleEndianBytes(ints, host), 'int32', host)).toEqual(ints);
    }
  });

  it('reads from an unaligned byte offset', () => {
    const padded = new Uint8Array(13);
    padded.set(toLittleEndianBytes(ints), 1);
    expect(fromLittleEndianBytes(padded.subarray(1), 'int32')).toEqual(ints);
  });
});
