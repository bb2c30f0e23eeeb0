/** IMDb ids are digits (MovieLens drops the "tt" and keeps leading zeros). */
export function imdbUrl(imdbId: string | null): string | null {
  if (imdbId === null || !/^\d+$/.test(imdbId)) return null;
  return `https://www.imdb.com/title/tt${imdbId.padStart(7, '0')}/`;
}

export function tmdbUrl(tmdbId: number | null): string | null {
  return tmdbId === null ? null : `https://www.themoviedb.org/movie/${tmdbId}`;
}

/** `url` when it is an absolute http(s) address, else null: never a javascript: or data: link. */
export function webUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** TMDB's image URL for a poster path ("/abc.jpg"); null for anything else. */
export function posterImageUrl(path: string | null): string | null {
  return path !== null && /^\/[\w-]+\.\w+$/.test(path)
    ? `https://image.tmdb.org/t/p/w342${path}`
    : null;
}
