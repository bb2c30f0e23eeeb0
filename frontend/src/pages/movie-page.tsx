import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/api-client.ts';
import type { MovieResponse } from '../api/api-types.ts';
import { useApi } from '../api/use-api.ts';
import { EChart } from '../charts/echart.tsx';
import { AlphaControl } from '../components/alpha-control.tsx';
import { MovieCard } from '../components/movie-card.tsx';
import { MovieReviews } from '../components/movie-reviews.tsx';
import { Poster } from '../components/poster.tsx';
import { LoadStatus } from '../components/status.tsx';
import { TmdbFacts } from '../components/tmdb-facts.tsx';
import { histogramOption } from '../view/chart-options.ts';
import { formatCount, formatNumber, histogramLabels, movieLabel } from '../view/format.ts';
import { imdbUrl, tmdbUrl } from '../view/external-links.ts';

/** The pipeline's default blend of similar lists (DEFAULT_SIMILARITY_PARAMS.blend). */
const DEFAULT_SIMILAR_ALPHA = 0.7;

/**
 * One movie: its statistics, TMDB's details when the pipeline fetched them, rating distribution,
 * top tags, TMDB's user reviews with their sentiment, similar movies (switchable between
 * collaborative and content neighbours) and links.
 */
export default function MoviePage({ movieId }: { movieId: number }) {
  const movie = useApi((signal) => api.movie(movieId, signal), [movieId]);
  const [alpha, setAlpha] = useState<number | null>(null);
  const similar = useApi(
    (signal) => api.similar(movieId, 12, signal, alpha ?? undefined),
    [movieId, alpha],
  );
  return (
    <>
      <LoadStatus value={movie} what="the movie" />
      {movie.state === 'done' && <MovieDetails movie={movie.data} />}
      <section class="panel" aria-labelledby="similar-heading" id="similar">
        <div class="results-head">
          <h2 id="similar-heading">Similar movies</h2>
          <AlphaControl value={alpha} fallback={DEFAULT_SIMILAR_ALPHA} onChange={setAlpha} />
        </div>
        <LoadStatus value={similar} what="similar movies" />
        {similar.state === 'done' && (
          <ol class="cards" aria-label="Similar movies">
            {similar.data.movies.map((m) => (
              <MovieCard key={m.movieId} movie={m}>
                <p class="card-stats">similarity {formatNumber(m.score, 2)}</p>
              </MovieCard>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

export function MovieStats({ movie }: { movie: MovieResponse }) {
  return (
    <dl class="stats">
      <div>
        <dt>Ratings</dt>
        <dd>{formatCount(movie.ratingCount)}</dd>
      </div>
      <div>
        <dt>Mean</dt>
        <dd>{formatNumber(movie.ratingMean, 2)} ★</dd>
      </div>
      <div>
        <dt>
          <abbr title="Bayesian average: the mean pulled towards the overall mean when there are few ratings">
            Bayesian avg.
          </abbr>
        </dt>
        <dd>{formatNumber(movie.bayesianAverage, 2)} ★</dd>
      </div>
      <div>
        <dt>Year</dt>
        <dd>{movie.year ?? '–'}</dd>
      </div>
    </dl>
  );
}

export function MovieHistogram({ movie, height = 260 }: { movie: MovieResponse; height?: number }) {
  const option = useMemo(
    () => histogramOption(histogramLabels(movie.histogram.length), movie.histogram),
    [movie],
  );
  return (
    <EChart
      option={option}
      height={height}
      label={`Rating distribution of ${movieLabel(movie)}: ${movie.histogram
        .map((count, i) => `${histogramLabels(movie.histogram.length)[i]} stars ${count}`)
        .join(', ')}`}
    />
  );
}

function MovieDetails({ movie }: { movie: MovieResponse }) {
  const imdb = imdbUrl(movie.imdbId);
  const tmdb = tmdbUrl(movie.tmdbId);
  return (
    <article class="movie" aria-labelledby="movie-heading">
      <div class="movie-head">
        <Poster
          movieId={movie.movieId}
          tmdbId={movie.tmdbId}
          posterPath={movie.details?.posterPath}
          title={movie.title}
        />
        <div>
          <h1 id="movie-heading">{movieLabel(movie)}</h1>
          {movie.genres.length > 0 && <p class="card-genres">{movie.genres.join(' · ')}</p>}
          <MovieStats movie={movie} />
          {movie.topTags.length > 0 && (
            <ul class="tags" aria-label="Top tags">
              {movie.topTags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          )}
          <p class="links">
            {imdb && (
              <a href={imdb} rel="noopener noreferrer" target="_blank">
                IMDb<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
            {tmdb && (
              <a href={tmdb} rel="noopener noreferrer" target="_blank">
                TMDB<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
          </p>
        </div>
      </div>
      {movie.details !== null && <TmdbFacts details={movie.details} />}
      <section class="panel" aria-labelledby="histogram-heading" id="histogram">
        <h2 id="histogram-heading">Rating distribution</h2>
        <MovieHistogram movie={movie} />
      </section>
      <MovieReviews reviews={movie.reviews} />
    </article>
  );
}
