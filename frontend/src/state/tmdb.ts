import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client.ts';
import { posterImageUrl } from '../view/external-links.ts';
import { readStored, STORAGE_KEYS, writeStored } from './storage.ts';

/**
 * Posters come from TMDB, and only when a TMDB API key is configured: at build time
 * (VITE_TMDB_API_KEY) or saved in the settings panel. Without a key the app makes no request
 * outside its own origin.
 */
const BUILD_KEY = (import.meta.env.VITE_TMDB_API_KEY as string | undefined)?.trim() || null;

const listeners = new Set<(key: string | null) => void>();

export function tmdbKey(): string | null {
  return readStored(STORAGE_KEYS.tmdbKey)?.trim() || BUILD_KEY;
}

export function saveTmdbKey(key: string | null): void {
  writeStored(STORAGE_KEYS.tmdbKey, key?.trim() || null);
  posterCache.clear();
  for (const listener of listeners) listener(tmdbKey());
}

export const hasBuildTmdbKey = (): boolean => BUILD_KEY !== null;

export function useTmdbKey(): string | null {
  const [key, setKey] = useState(tmdbKey);
  useEffect(() => {
    listeners.add(setKey);
    return () => listeners.delete(setKey);
  }, []);
  return key;
}

const posterCache = new Map<number, Promise<string | null>>();

/** A v4 read access token is a JWT (sent as a bearer token); a v3 key goes in the query. */
async function fetchPosterPath(tmdbId: number, key: string): Promise<string | null> {
  const bearer = key.startsWith('eyJ');
  const url = `https://api.themoviedb.org/3/movie/${tmdbId}${bearer ? '' : `?api_key=${encodeURIComponent(key)}`}`;
  const response = await fetch(url, bearer ? { headers: { authorization: `Bearer ${key}` } } : {});
  if (!response.ok) return null;
  const body = (await response.json()) as { poster_path?: string | null };
  return posterImageUrl(body.poster_path ?? null);
}

/**
 * The poster URL of a movie, or null (no key, no TMDB id, no poster, or TMDB failed). A poster
 * path the API already has (the movie's TMDB details) saves the request to TMDB's API.
 */
export function posterUrl(
  movieId: number,
  tmdbId: number | null | undefined,
  key: string,
  posterPath?: string | null,
): Promise<string | null> {
  let cached = posterCache.get(movieId);
  const known = posterImageUrl(posterPath ?? null);
  if (known !== null) {
    cached = Promise.resolve(known);
    posterCache.set(movieId, cached);
  } else if (cached === undefined) {
    const id =
      tmdbId !== undefined ? Promise.resolve(tmdbId) : api.movie(movieId).then((m) => m.tmdbId);
    cached = id
      .then((resolved) => (resolved === null ? null : fetchPosterPath(resolved, key)))
      .catch(() => null);
    posterCache.set(movieId, cached);
  }
  return cached;
}
