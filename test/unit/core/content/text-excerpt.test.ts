import { describe, expect, it } from 'vitest';
import { textExcerpt } from '../../../../lambdas/core/content/text-excerpt.ts';

describe('textExcerpt', () => {
  it('keeps a text within the limit whole, its whitespace collapsed', () => {
    expect(textExcerpt('  Short\n\n text. ', 20)).toBe('Short text.');
  });

  it('cuts at the last word boundary inside the limit and appends …', () => {
    expect(textExcerpt('The quick brown fox jumps', 16)).toBe('The quick brown…');
    expect(textExcerpt('Alpha, beta, gamma', 12)).toBe('Alpha, beta…');
  });

  it('cuts inside a word longer than the limit without splitting a surrogate pair', () => {
    expect(textExcerpt('abcdefghij', 4)).toBe('abcd…');
    expect(textExcerpt('ab😀cd', 3)).toBe('ab…');
  });
});
