import type { DecodedModelVersion } from '../core/model-codec/model-version.ts';
import type { ModelManifest } from '../core/model-codec/manifest.ts';
import type { ModelArtifact } from '../core/models/artifact.ts';
import type { BiasedMf } from '../core/models/biased-mf.ts';
import { biasedMfFromArtifact } from '../core/models/biased-mf.ts';
import type { Popularity } from '../core/models/popularity.ts';
import { popularityFromArtifact } from '../core/models/popularity.ts';
import type { RankingModel } from '../core/models/ranking-model.ts';
import { rankingModelFromArtifact } from '../core/models/ranking-model.ts';
import { buildContentFeatures } from '../core/models/content-features.ts';
import type { SimilarItemsTable, SimilarityIndex } from '../core/models/similar-items.ts';
import {
  createSimilarityIndex,
  DEFAULT_SIMILARITY_PARAMS,
  similarItemsFromArtifact,
} from '../core/models/similar-items.ts';
import type { MovieCatalogue } from './movie-catalogue.ts';
import { catalogueFromArtifact } from './movie-catalogue.ts';
import type { TitleSearch } from './title-search.ts';
import { createTitleSearch } from './title-search.ts';
import type { UserHistory } from './user-history.ts';
import { userHistoryFromArtifact } from './user-history.ts';

/** A decoded model version with every part rebuilt and cross-checked, ready to answer. */
export interface ModelVersion {
  manifest: ModelManifest;
  rating: BiasedMf;
  ranking: RankingModel;
  similar: SimilarItemsTable;
  /**
   * Pairwise item similarity for a per-request alpha (similar movies reblended, the content side
   * of a fold-in), rebuilt on load from the version's item factors and the catalogue's genres and
   * years (the stored lists also used tags, which a version omits).
   */
  similarity: SimilarityIndex;
  /**
   * Each movie's top content neighbours over every content group (content-neighbours.ts), the
   * content side of a per-request alpha; null for a version trained before the `content` part.
   */
  contentNeighbours: SimilarItemsTable | null;
  popularity: Popularity;
  catalogue: MovieCatalogue;
  history: UserHistory;
  titles: TitleSearch;
}

/** The artifact roles a version holds (the keys of the codec's `artifacts`). */
export const MODEL_VERSION_PARTS = [
  'rating',
  'ranking',
  'similar',
  'popularity',
  'catalogue',
  'users',
] as const;

export function modelVersionFromDecoded(decoded: DecodedModelVersion): ModelVersion {
  const part = (name: (typeof MODEL_VERSION_PARTS)[number]): ModelArtifact => {
    const artifact = decoded.artifacts[name];
    if (artifact === undefined) throw new Error(`model version has no "${name}" part`);
    return artifact;
  };
  const catalogue = catalogueFromArtifact(part('catalogue'));
  const history = userHistoryFromArtifact(part('users'));
  const rating = biasedMfFromArtifact(part('rating'));
  const ranking = rankingModelFromArtifact(part('ranking'));
  const similar = similarItemsFromArtifact(part('similar'));
  const popularity = popularityFromArtifact(part('popularity'));
  const items = catalogue.itemIds.length;
  const users = history.userIds.length;
  if (
    rating.items !== items ||
    ranking.items !== items ||
    popularity.stats.counts.length !== items ||
    similar.items.length !== items * similar.limit ||
    rating.users !== users ||
    ranking.users !== users
  ) {
    throw new Error('model version parts disagree on the number of users or movies');
  }
  const similarity = explanationSimilarity(
    ranking.itemFactors ?? { data: rating.itemFactors, k: rating.factors },
    catalogue,
    popularity,
    similarityParams(part('similar').params),
  );
  return {
    contentNeighbours: contentNeighboursFromArtifact(decoded.artifacts.content, items),
    manifest: decoded.manifest,
    rating,
    ranking,
    similar,
    similarity,
    popularity,
    catalogue,
    history,
    titles: createTitleSearch(catalogue, popularity.stats.counts),
  };
}

/**
 * Pairwise item similarity for explanations from item factors (null: content only) and the
 * catalogue's genres and years, weighted by the items' rating counts.
 */
export function explanationSimilarity(
  factors: { data: Float32Array; k: number } | null,
  catalogue: MovieCatalogue,
  popularity: Popularity,
  params: Partial<typeof DEFAULT_SIMILARITY_PARAMS> = {},
): SimilarityIndex {
  return createSimilarityIndex(
    {
      itemFactors: factors?.data ?? null,
      k: factors?.k ?? 0,
      content: buildContentFeatures(
        catalogue.genres.map((genres, item) => {
          const year = catalogue.years[item]!;
          return { genres, year: year > 0 ? year : null };
        }),
        [],
      ),
      itemCounts: popularity.stats.counts,
    },
    params,
  );
}

/** The optional `content` part as a table over `items` movies (null when the version has none). */
export function contentNeighboursFromArtifact(
  artifact: ModelArtifact | undefined,
  items: number,
): SimilarItemsTable | null {
  if (artifact === undefined) return null;
  const table = similarItemsFromArtifact(artifact);
  if (table.items.length !== items * table.limit) {
    throw new Error(`content part lists neighbours for other than ${items} movies`);
  }
  return table;
}

/** The similarity parameters recorded with the similar-items lists (numbers only). */
export function similarityParams(
  params: Record<string, unknown>,
): Partial<typeof DEFAULT_SIMILARITY_PARAMS> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_SIMILARITY_PARAMS)) {
    const value = params[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}
