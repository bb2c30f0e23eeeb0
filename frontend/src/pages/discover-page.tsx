import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, isAbort } from '../api/api-client.ts';
import type { AnonymousResponse, PopularResponse } from '../api/api-types.ts';
import { GenreSelect } from '../components/genre-select.tsx';
import { MovieCard } from '../components/movie-card.tsx';
import { MovieSearch } from '../components/movie-search.tsx';
import { StarRating } from '../components/star-rating.tsx';
import { KnownUserForm } from '../components/known-user-form.tsx';
import { Link } from '../router.tsx';
import { usePicks } from '../state/use-picks.ts';
import {
  becauseText,
  displayTitle,
  formatCount,
  formatNumber,
  movieLabel,
} from '../view/format.ts';
import { addPick, ratePick, ratingsKey, removePick } from '../view/picked-movies.ts';

/**
 * Rating changes arrive in bursts (arrow keys): one request per pause is enough. Adding or
 * removing a movie is one discrete change and is sent at once.
 */
const RATING_PAUSE_MS = 100;

type Shown =
  | { kind: 'recommendations'; key: string; picks: number; response: AnonymousResponse }
  | { kind: 'popular'; genre: string; response: PopularResponse };

/**
 * Discover: pick movies you like, rate them, and the recommendations update as you go, each
 * with the picked movies it comes from. With nothing picked it shows what is popular.
 */
export function DiscoverPage() {
  const [picks, updatePicks] = usePicks();
  const [genre, setGenre] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = ratingsKey(picks);
  const pickedIds = useMemo(() => new Set(picks.map((p) => p.movieId)), [key]);
  const last = useRef({ count: -1, key: '' });

  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    const ratings = picks.map((p) => ({ movieId: p.movieId, rating: p.rating }));
    const count = picks.length;
    const ratingOnly = count === last.current.count && key !== last.current.key;
    last.current = { count, key };
    const delay = ratingOnly ? RATING_PAUSE_MS : 0;
    const timer = setTimeout(() => {
      const load: Promise<Shown> =
        count > 0
          ? api.recommend(ratings, genre || undefined, 20, controller.signal).then((response) => ({
              kind: 'recommendations',
              key: `${key}|${genre}`,
              picks: count,
              response,
            }))
          : api
              .popular(genre || undefined, 20, controller.signal)
              .then((response) => ({ kind: 'popular', genre, response }));
      load.then(
        (next) => {
          setShown(next);
          setError(null);
          setBusy(false);
        },
        (failure: unknown) => {
          if (isAbort(failure)) return;
          setError(failure instanceof Error ? failure.message : String(failure));
          setBusy(false);
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, genre]);

  return (
    <>
      <h1>Discover</h1>
      <p class="lead">
        Add movies you like, rate them, and the recommendations follow as you go. Everything stays
        in this browser.
      </p>
      <div class="discover">
        <section class="panel picks" aria-labelledby="picks-heading">
          <h2 id="picks-heading">Movies you like</h2>
          <MovieSearch
            label="Search movies"
            placeholder="Type a title, e.g. matrx"
            picked={pickedIds}
            onPick={(movie) => updatePicks((current) => addPick(current, movie))}
          />
          {picks.length === 0 ? (
            <p class="hint">Nothing picked yet: search above, ↓ to choose, Enter to add.</p>
          ) : (
            <>
              <ul class="pick-list" aria-label="Picked movies">
                {picks.map((pick) => (
                  <li key={pick.movieId} class="pick" data-movie-id={pick.movieId}>
                    <Link href={`/movies/${pick.movieId}`} class="pick-title">
                      {movieLabel(pick)}
                    </Link>
                    <StarRating
                      value={pick.rating}
                      label={`Your rating for ${movieLabel(pick)}`}
                      onChange={(stars) =>
                        updatePicks((current) => ratePick(current, pick.movieId, stars))
                      }
                    />
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={`Remove ${movieLabel(pick)}`}
                      onClick={() => updatePicks((current) => removePick(current, pick.movieId))}
                    >
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" class="link-button" onClick={() => updatePicks(() => [])}>
                Clear all
              </button>
            </>
          )}
          <KnownUserForm />
        </section>
        <section
          class="panel results"
          id="recommendations"
          aria-labelledby="results-heading"
          aria-busy={busy}
          data-kind={shown?.kind ?? 'none'}
          data-picks={shown?.kind === 'recommendations' ? shown.picks : 0}
        >
          <div class="results-head">
            <h2 id="results-heading">
              {picks.length > 0 ? 'Recommended for you' : 'Popular movies'}
            </h2>
            <GenreSelect value={genre} onChange={setGenre} />
          </div>
          <p class="visually-hidden" role="status">
            {busy ? 'Updating…' : shown ? `${shown.response.movies.length} movies shown` : ''}
          </p>
          {error && (
            <p class="status error" role="alert">
              {error}
            </p>
          )}
          {shown?.kind === 'recommendations' && <Recommendations response={shown.response} />}
          {shown?.kind === 'popular' && <Popular response={shown.response} />}
          {shown !== null && shown.response.movies.length === 0 && (
            <p class="hint">No movies{genre ? ` in ${genre}` : ''} to show.</p>
          )}
        </section>
      </div>
    </>
  );
}

function Recommendations({ response }: { response: AnonymousResponse }) {
  return (
    <ol class="cards" aria-label="Recommendations">
      {response.movies.map((movie) => (
        <MovieCard key={movie.movieId} movie={movie}>
          {movie.because.length > 0 && (
            <p class="because">{becauseText(movie.because.map((m) => displayTitle(m.title)))}</p>
          )}
        </MovieCard>
      ))}
    </ol>
  );
}

function Popular({ response }: { response: PopularResponse }) {
  return (
    <ol class="cards" aria-label="Popular movies">
      {response.movies.map((movie) => (
        <MovieCard key={movie.movieId} movie={movie}>
          <p class="card-stats">
            ★ {formatNumber(movie.mean, 2)} · {formatCount(movie.count)} ratings
          </p>
        </MovieCard>
      ))}
    </ol>
  );
}
