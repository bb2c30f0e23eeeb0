import * as z from 'zod';
import type { SentimentLabel } from './review-sentiment.ts';
import { reviewSentiment } from './review-sentiment.ts';
import { textExcerpt } from './text-excerpt.ts';

/** Caps that keep a movie's serving item small (DynamoDB allows 400 KB per item). */
export const TMDB_LIMITS = {
  cast: 10,
  keywords: 20,
  reviews: 10,
  excerpt: 600,
  overview: 2000,
  name: 200,
  url: 500,
} as const;

/** A movie's TMDB details as served (the serving records' MovieDetailsRecord). */
export interface TmdbDetails {
  source: 'tmdb';
  /** ISO time the record was fetched (cached records keep their original time). */
  fetchedAt: string;
  overview: string | null;
  runtimeMinutes: number | null;
  /** yyyy-mm-dd */
  releaseDate: string | null;
  /** ISO 639-1, e.g. "en". */
  originalLanguage: string | null;
  directors: string[];
  /** Top-billed cast in billing order, at most TMDB_LIMITS.cast. */
  cast: string[];
  /** At most TMDB_LIMITS.keywords. */
  keywords: string[];
  /** TMDB image path such as "/abc.jpg" (joined to an image base URL by the web app). */
  posterPath: string | null;
  voteAverage: number | null;
  voteCount: number | null;
}

/** TMDB's user reviews as served (the serving records' MovieReviewsRecord). */
export interface TmdbReviews {
  total: number;
  positive: number;
  mixed: number;
  negative: number;
  /** At most TMDB_LIMITS.reviews, newest first. */
  items: Array<{
    author: string;
    /** ISO time the review was written. */
    createdAt: string;
    /** The first TMDB_LIMITS.excerpt characters, cut at a word boundary, "…" when cut. */
    excerpt: string;
    /** TMDB's page of the full review. */
    url: string;
    /** Computed on the whole review text, not the excerpt. */
    sentiment: { label: SentimentLabel; score: number };
  }>;
}

export interface TmdbMovie {
  tmdbId: number;
  details: TmdbDetails;
  reviews: TmdbReviews;
}

const text = z.string().nullish();
const named = z.array(z.looseObject({ name: z.string() }));

/**
 * The fields MovieRec reads of TMDB's `GET /3/movie/{id}?append_to_response=credits,keywords,
 * reviews` (developer.themoviedb.org, "Movie details" with credits, keywords and reviews
 * appended). Unknown fields are ignored; a field of the wrong type makes the record malformed.
 */
const tmdbMovieSchema = z.looseObject({
  id: z.number().int().positive(),
  overview: text,
  runtime: z.number().nullish(),
  release_date: text,
  original_language: text,
  poster_path: text,
  vote_average: z.number().nullish(),
  vote_count: z.number().nullish(),
  credits: z
    .looseObject({
      cast: z.array(z.looseObject({ name: z.string(), order: z.number().nullish() })).nullish(),
      crew: z.array(z.looseObject({ name: z.string(), job: z.string().nullish() })).nullish(),
    })
    .nullish(),
  keywords: z.looseObject({ keywords: named.nullish() }).nullish(),
  reviews: z
    .looseObject({
      results: z
        .array(
          z.looseObject({
            id: z.string().nullish(),
            author: z.string().nullish(),
            content: z.string(),
            created_at: z.string(),
            url: z.string().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

export class MalformedTmdbRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedTmdbRecordError';
  }
}

const nonEmpty = (value: string | null | undefined, limit: number): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, limit);
};
const names = (list: readonly { name: string }[], limit: number): string[] =>
  [
    ...new Set(list.map((p) => p.name.trim().slice(0, TMDB_LIMITS.name)).filter((n) => n !== '')),
  ].slice(0, limit);

/**
 * Maps TMDB's answer for one movie to the records MovieRec serves: the details (cast in billing
 * order, at most 10; directors from the crew's "Director" jobs; at most 20 keywords) and up to 10
 * reviews, newest first, each with an excerpt of at most 600 characters and the sentiment of its
 * whole text (review-sentiment.ts), with the counts per label. Throws a
 * MalformedTmdbRecordError naming the first bad field when the answer is not of that shape.
 */
export function tmdbMovieFromJson(json: unknown, fetchedAt: string): TmdbMovie {
  const parsed = tmdbMovieSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MalformedTmdbRecordError(
      `TMDB movie record: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const movie = parsed.data;
  const cast = [...(movie.credits?.cast ?? [])].sort(
    (a, b) => (a.order ?? Infinity) - (b.order ?? Infinity),
  );
  const directors = (movie.credits?.crew ?? []).filter((c) => c.job === 'Director');
  const date = movie.release_date?.trim() ?? '';
  const details: TmdbDetails = {
    source: 'tmdb',
    fetchedAt,
    overview: nonEmpty(textExcerpt(movie.overview ?? '', TMDB_LIMITS.overview), Infinity),
    runtimeMinutes:
      movie.runtime !== null && movie.runtime !== undefined && movie.runtime > 0
        ? Math.round(movie.runtime)
        : null,
    releaseDate: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    originalLanguage: /^[a-z]{2,3}$/.test(movie.original_language ?? '')
      ? movie.original_language!
      : null,
    directors: names(directors, TMDB_LIMITS.cast),
    cast: names(cast, TMDB_LIMITS.cast),
    keywords: names(movie.keywords?.keywords ?? [], TMDB_LIMITS.keywords),
    posterPath: /^\/[\w.-]+$/.test(movie.poster_path ?? '') ? movie.poster_path! : null,
    voteAverage: movie.vote_average ?? null,
    voteCount:
      movie.vote_count === null || movie.vote_count === undefined
        ? null
        : Math.round(movie.vote_count),
  };
  return { tmdbId: movie.id, details, reviews: reviewsOf(movie.reviews?.results ?? []) };
}

function reviewsOf(
  results: readonly {
    id?: string | null | undefined;
    author?: string | null | undefined;
    content: string;
    created_at: string;
    url?: string | null | undefined;
  }[],
): TmdbReviews {
  const items = results
    .filter((r) => r.content.trim() !== '' && !Number.isNaN(Date.parse(r.created_at)))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, TMDB_LIMITS.reviews)
    .map((r) => ({
      author: nonEmpty(r.author, TMDB_LIMITS.name) ?? 'anonymous',
      createdAt: new Date(Date.parse(r.created_at)).toISOString(),
      excerpt: textExcerpt(r.content, TMDB_LIMITS.excerpt),
      url: reviewUrl(r.url, r.id),
      sentiment: reviewSentiment(r.content),
    }));
  const count = (label: SentimentLabel) => items.filter((r) => r.sentiment.label === label).length;
  return {
    total: items.length,
    positive: count('positive'),
    mixed: count('mixed'),
    negative: count('negative'),
    items,
  };
}

/** TMDB's https link as given, else its review page by id; nothing else reaches a page's href. */
function reviewUrl(url: string | null | undefined, id: string | null | undefined): string {
  if (url !== null && url !== undefined && url.length <= TMDB_LIMITS.url) {
    try {
      if (new URL(url).protocol === 'https:') return url;
    } catch {
      // Not a URL: fall back to the review's page.
    }
  }
  return id !== null && id !== undefined && /^\w+$/.test(id)
    ? `https://www.themoviedb.org/review/${id}`
    : 'https://www.themoviedb.org/';
}
