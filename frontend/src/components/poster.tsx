import { useEffect, useState } from 'preact/hooks';
import { posterUrl, useTmdbKey } from '../state/tmdb.ts';

/**
 * A TMDB poster when a key is configured; otherwise nothing at all (clean title cards, and no
 * request leaves the site, even when the API knows the poster's path).
 */
export function Poster({
  movieId,
  tmdbId,
  posterPath,
  title,
}: {
  movieId: number;
  tmdbId?: number | null;
  /** TMDB's poster path when the API has the movie's details. */
  posterPath?: string | null;
  title: string;
}) {
  const key = useTmdbKey();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (key === null) return;
    let live = true;
    void posterUrl(movieId, tmdbId, key, posterPath).then((resolved) => {
      if (live) setUrl(resolved);
    });
    return () => {
      live = false;
    };
  }, [movieId, tmdbId, posterPath, key]);
  if (key === null || url === null) return null;
  return (
    <img
      class="poster"
      src={url}
      alt={`Poster of ${title}`}
      loading="lazy"
      width={342}
      height={513}
    />
  );
}
