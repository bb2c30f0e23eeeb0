import { recommendFromRatings } from '../recommend-for-anonymous.ts';
import type { MovieSummary } from './movie-summaries.ts';
import type { ServingModel } from './serving-model.ts';
import type { UserRecommendation } from './user-recommendations.ts';

export interface FoldedInRecommendations {
  /** The rated movies the model knows, which the list is built from. */
  basedOn: MovieSummary[];
  movies: UserRecommendation[];
}

/**
 * Live recommendations from (movie, rating) pairs, the one path of POST /recommendations and of
 * a profile's recommendations: the core's fold-in against the live version's item factors
 * (recommendFromRatings), every rated movie excluded, titles and reasons from the in-memory
 * catalogue. Movies the version does not know are left out (a profile may have rated a movie
 * the model was not trained on); a movie given twice counts once, with its first rating.
 */
export function foldInRecommendations(
  model: ServingModel,
  ratings: readonly { movieId: number; rating: number }[],
  options: { limit: number; genre?: string; alpha?: number },
): FoldedInRecommendations {
  const items: number[] = [];
  const values: number[] = [];
  const seen = new Set<number>();
  for (const { movieId, rating } of ratings) {
    const item = model.itemOf.get(movieId);
    if (item === undefined || seen.has(item)) continue;
    seen.add(item);
    items.push(item);
    values.push(rating);
  }
  const recommendations = recommendFromRatings(model, items, values, options);
  const summary = (movieId: number): MovieSummary => {
    const item = model.itemOf.get(movieId)!;
    const year = model.catalogue.years[item]!;
    return {
      movieId,
      title: model.catalogue.titles[item]!,
      year: year > 0 ? year : null,
      genres: model.catalogue.genres[item]!,
    };
  };
  return {
    basedOn: recommendations.basedOn.map((movie) => summary(movie.movieId)),
    movies: recommendations.movies.map((movie) => ({
      ...summary(movie.movieId),
      score: movie.score,
      because: movie.because.map((liked) => ({
        movieId: liked.movieId,
        title: model.catalogue.titles[model.itemOf.get(liked.movieId)!]!,
      })),
    })),
  };
}
