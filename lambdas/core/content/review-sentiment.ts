import Sentiment from 'sentiment';

/** The labels of the serving records' MovieReviewRecord. */
export type SentimentLabel = 'positive' | 'mixed' | 'negative';

/** One analyser: it holds no state between calls (the AFINN labels are loaded once). */
const analyser = new Sentiment();

/** |balance| at or above this is a clear opinion; below it the review is mixed. */
export const SENTIMENT_THRESHOLD = 0.35;

export interface ReviewSentiment {
  label: SentimentLabel;
  /** In [-1, 1]: -1 only negative words, 1 only positive ones, 0 balanced or none. */
  score: number;
}

/**
 * The sentiment of an English review from the AFINN-165 lexicon (Nielsen 2011, "A new ANEW:
 * evaluation of a word list for sentiment analysis in microblogs") as the `sentiment` package
 * scores it: each known word −5…+5, flipped by a negator just before it ("not good" → −3).
 * The score is the balance of the opinion words, s = (P − N) / (P + N), P and N the sums of the
 * positive and (absolute) negative word scores, and not the package's `comparative` (sum / tokens):
 * that is diluted by length, so a long, firmly positive review would score near 0 beside a short
 * one. Label: positive when s ≥ 0.35 (positive weight about twice the negative or more),
 * negative when s ≤ −0.35, mixed in between and when the text has no opinion word at all.
 * Limits of a lexicon (docs/enrichment.md): no sarcasm or irony, no context ("a killer
 * soundtrack", "the villain is evil" read negative), negation only of the next word, and English
 * only: other languages score 0 and come out mixed.
 */
export function reviewSentiment(text: string): ReviewSentiment {
  const { calculation } = analyser.analyze(text);
  let positive = 0;
  let negative = 0;
  for (const entry of calculation) {
    for (const value of Object.values(entry)) {
      if (value > 0) positive += value;
      else negative -= value;
    }
  }
  const total = positive + negative;
  const score = total === 0 ? 0 : (positive - negative) / total;
  const label: SentimentLabel =
    score >= SENTIMENT_THRESHOLD
      ? 'positive'
      : score <= -SENTIMENT_THRESHOLD
        ? 'negative'
        : 'mixed';
  return { label, score: Math.round(score * 1000) / 1000 };
}
