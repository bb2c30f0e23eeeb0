import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, isAbort } from '../api/api-client.ts';
import type {
  PopularResponse,
  ProfileRecommendationsResponse,
  RecommendedMovie,
} from '../api/api-types.ts';
import { AlphaControl } from '../components/alpha-control.tsx';
import { GenreSelect } from '../components/genre-select.tsx';
import { MovieCard } from '../components/movie-card.tsx';
import { MovieSearch } from '../components/movie-search.tsx';
import { StarRating } from '../components/star-rating.tsx';
import { KnownUserForm } from '../components/known-user-form.tsx';
import { Link } from '../router.tsx';
import { updatePicks, useProfile } from '../state/profile-store.ts';
import {
  becauseText,
  displayTitle,
  formatCount,
  formatNumber,
  movieLabel,
} from '../view/format.ts';
import {
  addPick,
  MAX_ANONYMOUS_RATINGS,
  ratePick,
  ratingsKey,
  removePick,
} from '../view/picked-movies.ts';

type Shown =
  | {
      kind: 'recommendations';
      picks: number;
      /** The profile's list, or "browser": folded in from the picks here, not all saved. */
      source: ProfileRecommendationsResponse['source'] | 'browser';
      movies: RecommendedMovie[];
    }
  | { kind: 'popular'; genre: string; response: PopularResponse };

/**
 * Discover: pick movies you like, rate them, and the recommendations update as you go, each
 * with the picked movies it comes from. With nothing picked it shows what is popular. The picks
 * are the profile's ratings; the recommendations are the profile's once its ratings are saved
 * (the API reads its own writes), and folded in from the picks here while they are not. The
 * collaborative ↔ content control passes its blend (alpha) to whichever of the two is asked.
 */
export function DiscoverPage() {
  const { credentials, picks, pending, sync, problem } = useProfile();
  const [genre, setGenre] = useState('');
  const [alpha, setAlpha] = useState<number | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = ratingsKey(picks);
  const pickedIds = useMemo(() => new Set(picks.map((p) => p.movieId)), [key]);
  const unsaved = new Set(sync === 'unsaved' ? pending.map((c) => c.movieId) : []);

  // Where the list comes from; while a change is being saved, nothing is fetched: the
  // profile's recommendations follow once the server has it.
  const mode =
    picks.length === 0
      ? 'popular'
      : sync === 'saving'
        ? 'saving'
        : sync === 'saved' && credentials
          ? 'profile'
          : 'browser';

  useEffect(() => {
    setBusy(true);
    if (mode === 'saving') return;
    const controller = new AbortController();
    const count = picks.length;
    const load: Promise<Shown> =
      mode === 'popular'
        ? api
            .popular(genre || undefined, 20, controller.signal)
            .then((response) => ({ kind: 'popular', genre, response }))
        : mode === 'profile' && credentials
          ? api
              .profileRecommendations(
                credentials,
                genre || undefined,
                20,
                controller.signal,
                alpha ?? undefined,
              )
              .then((response) => ({
                kind: 'recommendations',
                picks: count,
                source: response.source,
                movies: response.movies,
              }))
          : api
              .recommend(
                picks.slice(0, MAX_ANONYMOUS_RATINGS).map((p) => ({
                  movieId: p.movieId,
                  rating: p.rating,
                })),
                genre || undefined,
                20,
                controller.signal,
                alpha ?? undefined,
              )
              .then((response) => ({
                kind: 'recommendations',
                picks: count,
                source: 'browser',
                movies: response.movies,
              }));
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
    return () => controller.abort();
  }, [key, genre, mode, credentials?.profileId, alpha]);

  return (
    <>
      <h1>Discover</h1>
      <p class="lead">
        Add movies you like, rate them, and the recommendations follow as you go. Your ratings are
        saved to an anonymous profile (no personal data): Settings, below, lets you use it on
        another device or forget it.
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
                    {unsaved.has(pick.movieId) && <span class="unsaved">Not saved yet</span>}
                  </li>
                ))}
              </ul>
              <button type="button" class="link-button" onClick={() => updatePicks(() => [])}>
                Clear all
              </button>
            </>
          )}
          <p class={`save-status${problem ? ' problem' : ''}`} role="status">
            {problem}
          </p>
          <KnownUserForm />
        </section>
        <section
          class="panel results"
          id="recommendations"
          aria-labelledby="results-heading"
          aria-busy={busy}
          data-kind={shown?.kind ?? 'none'}
          data-picks={shown?.kind === 'recommendations' ? shown.picks : 0}
          data-source={shown?.kind === 'recommendations' ? shown.source : undefined}
        >
          <div class="results-head">
            <h2 id="results-heading">
              {picks.length > 0 ? 'Recommended for you' : 'Popular movies'}
            </h2>
            <GenreSelect value={genre} onChange={setGenre} />
            <AlphaControl
              value={alpha}
              fallback={1}
              onChange={setAlpha}
              disabled={picks.length === 0}
            />
          </div>
          <p class="visually-hidden" role="status">
            {busy ? 'Updating…' : shown ? `${shownMovies(shown).length} movies shown` : ''}
          </p>
          {error && (
            <p class="status error" role="alert">
              {error}
            </p>
          )}
          {shown?.kind === 'recommendations' && <Recommendations movies={shown.movies} />}
          {shown?.kind === 'popular' && <Popular response={shown.response} />}
          {shown !== null && shownMovies(shown).length === 0 && (
            <p class="hint">No movies{genre ? ` in ${genre}` : ''} to show.</p>
          )}
        </section>
      </div>
    </>
  );
}

const shownMovies = (shown: Shown): unknown[] =>
  shown.kind === 'recommendations' ? shown.movies : shown.response.movies;

function Recommendations({ movies }: { movies: RecommendedMovie[] }) {
  return (
    <ol class="cards" aria-label="Recommendations">
      {movies.map((movie) => (
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
