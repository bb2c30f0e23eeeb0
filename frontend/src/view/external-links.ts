/** IMDb ids are digits (MovieLens drops the "tt" and keeps leading zeros). */
export function imdbUrl(imdbId: string | null): string | null {
  if (imdbId === null || !/^\d+$/.test(imdbId)) return null;
  return `https://www.imdb.com/title/tt${imdbId.padStart(7, '0')}/`;
}

export function tmdbUrl(tmdbId: number | null): string | null {
  return tmdbId === null ? null : `https://www.themoviedb.org/movie/${tmdbId}`;
}
