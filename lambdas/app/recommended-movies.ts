import { movieLabel } from './movie-catalogue.ts';
import type { ModelVersion } from './model-version.ts';
import type { RecommendedMovie } from './recommendation.ts';

/** Dense item lists → the movies the caller sees; `because[r]` holds item indices for rank r. */
export function recommendedMovies(
  version: Pick<ModelVersion, 'catalogue'>,
  items: Int32Array,
  scores: Float32Array,
  because: readonly (readonly number[])[],
): RecommendedMovie[] {
  const { catalogue } = version;
  return Array.from(items, (item, r) => ({
    movieId: catalogue.itemIds[item]!,
    title: movieLabel(catalogue, item),
    genres: catalogue.genres[item]!,
    score: scores[r]!,
    because: (because[r] ?? []).map((liked) => ({
      movieId: catalogue.itemIds[liked]!,
      title: movieLabel(catalogue, liked),
    })),
  }));
}
