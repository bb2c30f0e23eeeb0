import type { MovieSummary } from '../api/api-types.ts';

/** "Heat (1995)": the title as MovieLens keeps it, with the year when it is not already there. */
export function movieLabel(movie: Pick<MovieSummary, 'title' | 'year'>): string {
  if (movie.year === null || movie.title.endsWith(`(${movie.year})`)) return movie.title;
  return `${movie.title} (${movie.year})`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatNumber = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

export const formatSigned = (n: number, digits = 2): string =>
  `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;

/** "Because you liked A, B and C". */
export function becauseText(titles: string[]): string {
  if (titles.length === 0) return '';
  if (titles.length === 1) return `Because you liked ${titles[0]}`;
  return `Because you liked ${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** Ratings per step of the scale, lowest first → the star value each bin stands for. */
export function histogramLabels(bins: number, max = 5): number[] {
  if (bins <= 0) return [];
  const step = max / bins;
  return Array.from({ length: bins }, (_, i) => Math.round((i + 1) * step * 100) / 100);
}
