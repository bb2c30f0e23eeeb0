import { reblendedSimilarItems } from '../../core/models/similar-items.ts';
import { requireCurrentModel } from './current-model.ts';
import { unknownMovie } from './movie-details.ts';
import type { MovieSummary } from './movie-summaries.ts';
import { withSummaries } from './movie-summaries.ts';
import type { ServingContext } from './serving-context.ts';

export interface SimilarMovies {
  movieId: number;
  version: string;
  /** The blend of a live list; null for the version's precomputed list (its own blend). */
  alpha: number | null;
  movies: (MovieSummary & { score: number })[];
}

/**
 * A movie's neighbours in the live version. Without `alpha`, or with the version's own blend,
 * the list precomputed by the pipeline (latent factors blended with genres, tags, year and the
 * genome) is read from the table; a known movie without a list gets an empty list, an unknown id
 * is a 404. Any other alpha (1 collaborative only, 0 content only) is computed live
 * (reblendedSimilarItems): the latent part from the in-memory similarity index, the content part
 * from the version's stored content neighbours (every content group: genres, tags, year, genome,
 * TMDB), so alpha = 0 is the version's content-only list cut at its M neighbours. A version
 * without that part falls back to the index's own content part, genres and years only.
 */
export async function similarMovies(
  context: ServingContext,
  movieId: number,
  request: { limit: number; alpha?: number },
): Promise<SimilarMovies> {
  const { store } = context;
  const { version } = await requireCurrentModel(store);
  if (request.alpha !== undefined) {
    const model = await context.model(version);
    if (request.alpha !== model.similarity.params.blend) {
      const item = model.itemOf.get(movieId);
      if (item === undefined) throw unknownMovie(movieId);
      const live = reblendedSimilarItems(
        model.similarity,
        item,
        request.limit,
        request.alpha,
        model.contentNeighbours ?? undefined,
      );
      const entries = Array.from(live.items, (other, r) => ({
        movieId: model.catalogue.itemIds[other]!,
        score: live.scores[r]!,
      }));
      return {
        movieId,
        version,
        alpha: request.alpha,
        movies: await withSummaries(store, entries),
      };
    }
  }
  const record = await store.getSimilarMovies(movieId, version);
  if (record === undefined) {
    if ((await store.getMovie(movieId)) === undefined) throw unknownMovie(movieId);
    return { movieId, version, alpha: null, movies: [] };
  }
  return {
    movieId,
    version,
    alpha: null,
    movies: await withSummaries(store, record.items.slice(0, request.limit)),
  };
}
