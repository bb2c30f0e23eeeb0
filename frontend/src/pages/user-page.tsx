import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client.ts';
import type { PredictionResponse, SearchHit } from '../api/api-types.ts';
import { useApi } from '../api/use-api.ts';
import { GenreSelect } from '../components/genre-select.tsx';
import { KnownUserForm } from '../components/known-user-form.tsx';
import { MovieCard } from '../components/movie-card.tsx';
import { MovieSearch } from '../components/movie-search.tsx';
import { PredictionParts } from '../components/prediction-parts.tsx';
import { LoadStatus } from '../components/status.tsx';
import { becauseText, displayTitle, movieLabel } from '../view/format.ts';

/** A MovieLens user: their precomputed recommendations and how a rating prediction is made. */
export function UserPage({ userId }: { userId: number }) {
  const [genre, setGenre] = useState('');
  const recommendations = useApi(
    (signal) => api.userRecommendations(userId, genre || undefined, 10, signal),
    [userId, genre],
  );
  const predictions = usePredictions(
    userId,
    recommendations.state === 'done' ? recommendations.data.movies.map((m) => m.movieId) : [],
  );
  const [probe, setProbe] = useState<SearchHit | null>(null);
  const probed = useApi(
    (signal) => (probe ? api.prediction(userId, probe.movieId, signal) : Promise.resolve(null)),
    [userId, probe?.movieId],
  );

  return (
    <>
      <h1>User {userId}</h1>
      <section class="panel" aria-labelledby="user-recs-heading" id="user-recommendations">
        <div class="results-head">
          <h2 id="user-recs-heading">Recommendations</h2>
          <GenreSelect value={genre} onChange={setGenre} />
        </div>
        <LoadStatus value={recommendations} what="recommendations" />
        {recommendations.state === 'done' && (
          <>
            {recommendations.data.coldStart && (
              <p class="notice" data-cold-start="true">
                Cold start: user {userId} is not in the training data, so these are the popular
                movies and predictions use μ + b_i only.
              </p>
            )}
            <ol class="cards" aria-label="Recommendations">
              {recommendations.data.movies.map((movie) => {
                const prediction = predictions.get(movie.movieId);
                return (
                  <MovieCard key={movie.movieId} movie={movie}>
                    {movie.because.length > 0 && (
                      <p class="because">
                        {becauseText(movie.because.map((m) => displayTitle(m.title)))}
                      </p>
                    )}
                    {prediction && <PredictionParts prediction={prediction} />}
                  </MovieCard>
                );
              })}
            </ol>
          </>
        )}
      </section>
      <section class="panel" aria-labelledby="predict-heading">
        <h2 id="predict-heading">Predict a rating</h2>
        <p class="hint">
          The rating model predicts μ (mean rating) + b_u (this user's bias) + b_i (the movie's
          bias) + p·q (how the user's taste factors meet the movie's).
        </p>
        <MovieSearch
          label="Movie to predict"
          placeholder="Any title"
          clearOnPick={false}
          onPick={setProbe}
        />
        {probe && probed.state === 'done' && probed.data && (
          <div class="probe">
            <h3>{movieLabel(probe)}</h3>
            <PredictionParts prediction={probed.data} />
          </div>
        )}
        {probe && <LoadStatus value={probed} what="the prediction" />}
      </section>
      <section class="panel" aria-label="Another user">
        <KnownUserForm initial={String(userId)} />
      </section>
    </>
  );
}

/** Predictions for the listed movies, fetched together once the list is known. */
function usePredictions(userId: number, movieIds: number[]): Map<number, PredictionResponse> {
  const [map, setMap] = useState(new Map<number, PredictionResponse>());
  const key = movieIds.join(',');
  useEffect(() => {
    setMap(new Map());
    if (movieIds.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      movieIds.map((movieId) =>
        api.prediction(userId, movieId, controller.signal).catch(() => null),
      ),
    ).then((results) => {
      if (controller.signal.aborted) return;
      setMap(new Map(results.filter((r) => r !== null).map((r) => [r.movieId, r])));
    });
    return () => controller.abort();
  }, [userId, key]);
  return map;
}
