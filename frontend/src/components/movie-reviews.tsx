import { webUrl } from '../view/external-links.ts';
import { formatDate } from '../view/tmdb-details.ts';
import { reviewSummary, type MovieReviews as Reviews } from '../view/review-sentiment.ts';
import { SentimentBadge } from './sentiment-badge.tsx';

/**
 * TMDB's user reviews of a movie: a summary of their sentiments, then each review's author,
 * date, excerpt, sentiment and a link to the whole review on TMDB. `null` (the pipeline ran
 * without a TMDB key) says where reviews and details come from instead.
 */
export function MovieReviews({ reviews }: { reviews: Reviews | null }) {
  return (
    <section class="panel" aria-labelledby="reviews-heading" id="reviews">
      <h2 id="reviews-heading">Reviews</h2>
      {reviews === null ? (
        <p class="hint">
          Reviews and details come from TMDB when the pipeline runs with a TMDB key: see{' '}
          <code>docs/enrichment.md</code>.
        </p>
      ) : (
        <>
          <p class="review-summary">
            {reviewSummary(reviews)}
            {reviews.items.length < reviews.total && ` (${reviews.items.length} shown)`}
          </p>
          {reviews.items.length > 0 && (
            <ul class="reviews" aria-label="Reviews">
              {reviews.items.map((review) => (
                <li key={`${review.author}@${review.createdAt}`} class="review">
                  <p class="review-head">
                    <span class="review-author">{review.author}</span>{' '}
                    <time dateTime={review.createdAt}>{formatDate(review.createdAt)}</time>{' '}
                    <SentimentBadge sentiment={review.sentiment} />
                  </p>
                  <p class="review-excerpt">{review.excerpt}</p>
                  <ReviewLink url={review.url} author={review.author} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The whole review on TMDB, in a new tab; no link for an address that is not http(s). */
function ReviewLink({ url, author }: { url: string; author: string }) {
  const href = webUrl(url);
  if (href === null) return null;
  return (
    <a href={href} rel="noopener noreferrer" target="_blank">
      Read on TMDB
      <span class="visually-hidden"> (the review by {author}, opens in a new tab)</span>
    </a>
  );
}
