import type { OnProgress } from '../progress.ts';
import type { ContentFeatures } from './content-features.ts';
import type { SimilarItemsTable, SimilarityParams } from './similar-items.ts';
import { allSimilarItems, createSimilarityIndex } from './similar-items.ts';

/**
 * M, the content neighbours kept per movie. The live content side reads only these, so an
 * alpha = 0 list holds at most M movies and a pair outside both movies' top M counts as content 0.
 * 50 is half the API's largest `limit` (100) and five times the usual 10, so a content-only list
 * is as long as any client asks in practice, while the part stays at 8·M bytes per movie: 3.9 MB
 * for 9,742 movies (ml-latest-small) and 35 MB for 87,585 (ml-32m), beside their item factors.
 */
export const CONTENT_NEIGHBOURS = 50;

/**
 * Every movie's `limit` nearest movies by content alone: the similarity index at blend 0 over
 * every content group the features have (genres, tags, year, genome, TMDB), so the scores are
 * content(a, b) of createSimilarityIndex with the weights normalised over those groups. The API
 * loads this table because the features themselves (tags, genome, TMDB) are not in a version.
 */
export function contentNeighbours(
  content: ContentFeatures,
  params: Partial<SimilarityParams>,
  options: { limit?: number; onProgress?: OnProgress } = {},
): SimilarItemsTable {
  const index = createSimilarityIndex(
    { itemFactors: null, k: 0, content },
    { ...params, blend: 0 },
  );
  return allSimilarItems(index, options.limit ?? CONTENT_NEIGHBOURS, {
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
}
