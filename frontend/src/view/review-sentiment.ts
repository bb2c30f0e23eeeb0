import type { MovieResponse } from '../api/api-types.ts';
import { formatSigned } from './format.ts';

/** TMDB's user reviews of a movie with their sentiment (null without a TMDB key). */
export type MovieReviews = NonNullable<MovieResponse['reviews']>;
export type Review = MovieReviews['items'][number];
export type Sentiment = Review['sentiment'];

const LABELS: Record<Sentiment['label'], string> = {
  positive: 'Positive',
  mixed: 'Mixed',
  negative: 'Negative',
};

/** "3 reviews: 1 positive, 1 mixed, 1 negative"; "No reviews yet" when there are none. */
export function reviewSummary(
  reviews: Pick<MovieReviews, 'total' | 'positive' | 'mixed' | 'negative'>,
): string {
  if (reviews.total === 0) return 'No reviews yet';
  const noun = reviews.total === 1 ? 'review' : 'reviews';
  return `${reviews.total} ${noun}: ${reviews.positive} positive, ${reviews.mixed} mixed, ${reviews.negative} negative`;
}

/**
 * "Positive +0.42": the label in words and the signed score (the lexicon score per word, in
 * [-1, 1]), so the badge never depends on its colour.
 */
export function sentimentText(sentiment: Sentiment): string {
  return `${LABELS[sentiment.label]} ${formatSigned(sentiment.score)}`;
}
