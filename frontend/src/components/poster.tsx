import { useEffect, useState } from 'preact/hooks';
import { posterUrl, useTmdbKey } from '../state/tmdb.ts';

/**
 * A TMDB poster when a key is configured; otherwise nothing at all (clean title cards, and no
 * request leaves the site).
 */
export function Poster({
  movieId,
  tmdbId,
  title,
}: {
  movieId: number;
  tmdbId?: number | null;
  title: string;
}) {
  const key = useTmdbKey();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (key === null) return;
    let live = true;
    void posterUrl(movieId, tmdbId, key).then((resolved) => {
      if (live) setUrl(resolved);
    });
    return () => {
      live = false;
    };
  }, [movieId, tmdbId, key]);
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
