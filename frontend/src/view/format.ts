import type { MovieSummary } from '../api/api-types.ts';

const TRAILING_ARTICLE = /^(.+), (The|A|An|Les|La|Le|Il|El|Das|Der|Die)$/;

/**
 * MovieLens files a title under its noun ("Matrix, The"); people read "The Matrix". Only a
 * trailing article moves, so "Lock, Stock & Two Smoking Barrels" stays as it is.
 */
export function displayTitle(title: string): string {
  const match = TRAILING_ARTICLE.exec(title);
  return match ? `${match[2]} ${match[1]}` : title;
}

/** "The Matrix (1999)": the title as people read it, with the year unless it is already there. */
export function movieLabel(movie: Pick<MovieSummary, 'title' | 'year'>): string {
  const title = displayTitle(movie.title);
  if (movie.year === null || title.endsWith(`(${movie.year})`)) return title;
  return `${title} (${movie.year})`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatNumber = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

export const formatSigned = (n: number, digits = 2): string =>
  `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;

/**
 * "Because you rated A, B and C": "rated", not "liked", since the reasons are the rated movies
 * that raised the score most, and the ranking model counts a low rating as interest too.
 */
export function becauseText(titles: string[]): string {
  if (titles.length === 0) return '';
  if (titles.length === 1) return `Because you rated ${titles[0]}`;
  return `Because you rated ${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** Ratings per step of the scale, lowest first → the star value each bin stands for. */
export function histogramLabels(bins: number, max = 5): number[] {
  if (bins <= 0) return [];
  const step = max / bins;
  return Array.from({ length: bins }, (_, i) => Math.round((i + 1) * step * 100) / 100);
}
