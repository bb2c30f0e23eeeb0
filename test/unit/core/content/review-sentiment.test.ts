import { describe, expect, it } from 'vitest';
import { reviewSentiment } from '../../../../lambdas/core/content/review-sentiment.ts';

/** Sentences labelled by hand before running the wrapper on them. */
const LABELLED = [
  ['A wonderful, joyful film. I loved every minute of it.', 'positive'],
  ['Brilliant performances and a beautiful score: a masterpiece.', 'positive'],
  ['This movie is not good.', 'negative'],
  ['Boring, ugly and stupid. I hated it.', 'negative'],
  ["I don't like it.", 'negative'],
  ['Great animation, but the plot is boring and the ending is bad.', 'mixed'],
  ['The film runs 81 minutes and was released in 1995.', 'mixed'],
] as const;

describe('reviewSentiment', () => {
  it.each(LABELLED)('labels %j as %s', (text, label) => {
    expect(reviewSentiment(text).label).toBe(label);
  });

  it('flips a negated word: "not good" is negative, "good" positive', () => {
    expect(reviewSentiment('The sequel is good.').score).toBe(1);
    expect(reviewSentiment('The sequel is not good.').score).toBe(-1);
  });

  it('scores the balance of opinion words in [-1, 1], independent of length', () => {
    const mixed = reviewSentiment('Great animation, but the plot is boring and the ending is bad.');
    expect(mixed.score).toBeCloseTo(-1 / 3, 3);
    const padded = reviewSentiment(
      `${'The camera moves slowly across the room. '.repeat(30)}I loved it.`,
    );
    expect(padded).toEqual({ label: 'positive', score: 1 });
  });

  it('calls text without opinion words (or not in English) mixed with score 0', () => {
    expect(reviewSentiment('')).toEqual({ label: 'mixed', score: 0 });
    expect(reviewSentiment('Ein wunderbarer Film, ich habe ihn geliebt.')).toEqual({
      label: 'mixed',
      score: 0,
    });
  });
});
