import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../lambdas/core/dataset/text-encoding.ts';

describe('decodeText', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Misérables – Amélie'))).toEqual({
      text: 'Misérables – Amélie',
      encoding: 'utf-8',
    });
  });

  it('falls back to latin-1, byte for code point', () => {
    const bytes = Uint8Array.of(0x4d, 0x69, 0x73, 0xe9, 0x72, 0x61, 0x62, 0x6c, 0x65, 0x73, 0x96);
    expect(decodeText(bytes)).toEqual({ text: 'Misérables\u0096', encoding: 'latin-1' });
  });
});
