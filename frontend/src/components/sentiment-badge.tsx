import { sentimentText, type Sentiment } from '../view/review-sentiment.ts';

/**
 * A review's sentiment as a badge: the label and score in words (the colour only repeats them),
 * named "Sentiment" for screen readers, the score's meaning in its title.
 */
export function SentimentBadge({ sentiment }: { sentiment: Sentiment }) {
  return (
    <span
      class={`sentiment sentiment-${sentiment.label}`}
      title="Lexicon sentiment per word, from −1 (negative) to +1 (positive)"
    >
      <span class="visually-hidden">Sentiment: </span>
      {sentimentText(sentiment)}
    </span>
  );
}
