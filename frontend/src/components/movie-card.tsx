import type { ComponentChildren } from 'preact';
import type { MovieSummary } from '../api/api-types.ts';
import { Link } from '../router.tsx';
import { movieLabel } from '../view/format.ts';
import { Poster } from './poster.tsx';

/** A title card: poster (with a TMDB key), linked title, year and genres, then any details. */
export function MovieCard({
  movie,
  children,
}: {
  movie: MovieSummary;
  children?: ComponentChildren;
}) {
  return (
    <li class="card" data-movie-id={movie.movieId}>
      <Poster movieId={movie.movieId} title={movie.title} />
      <div class="card-body">
        <h3 class="card-title">
          <Link href={`/movies/${movie.movieId}`}>{movieLabel(movie)}</Link>
        </h3>
        {movie.genres.length > 0 && <p class="card-genres">{movie.genres.join(' · ')}</p>}
        {children}
      </div>
    </li>
  );
}
