import type { MovieResponse } from '../api/api-types.ts';

/** TMDB's record of a movie as GET /movies/{id} answers it (null without a TMDB key). */
export type TmdbDetails = NonNullable<MovieResponse['details']>;

/** "1 h 21 min", "45 min", "2 h"; null for a missing or non-positive runtime. */
export function formatRuntime(minutes: number | null): string | null {
  if (minutes === null || !Number.isFinite(minutes) || minutes <= 0) return null;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * "30 October 1995" from an ISO 8601 date or timestamp, read in UTC so a date-only value is the
 * same day everywhere; null when missing, and the text as given when it is not a date.
 */
export function formatDate(iso: string | null): string | null {
  if (iso === null || iso.trim() === '') return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : LONG_DATE.format(time);
}

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });

/** "English" for "en" (ISO 639-1, as TMDB gives it); the code itself when it names nothing. */
export function languageName(code: string | null): string | null {
  if (code === null || code.trim() === '') return null;
  try {
    return LANGUAGES.of(code) ?? code;
  } catch {
    return code; // RangeError: not a well-formed language tag
  }
}

/** "7.9 / 10 (17,213 votes)"; null when TMDB has no votes for the movie. */
export function formatVoteAverage(average: number | null, count: number | null): string | null {
  if (average === null || !Number.isFinite(average) || count === 0) return null;
  const votes =
    count === null ? '' : ` (${count.toLocaleString('en-US')} vote${count === 1 ? '' : 's'})`;
  return `${average.toFixed(1)} / 10${votes}`;
}
