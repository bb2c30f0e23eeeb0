import type { ModelManifest } from '../../core/model-codec/manifest.ts';
import { decodeModelVersion, MANIFEST_FILE } from '../../core/model-codec/model-version.ts';
import type { ModelArtifact } from '../../core/models/artifact.ts';
import type { Popularity } from '../../core/models/popularity.ts';
import { popularityFromArtifact } from '../../core/models/popularity.ts';
import type { RankingModel } from '../../core/models/ranking-model.ts';
import { rankingModelFromArtifact } from '../../core/models/ranking-model.ts';
import type { SimilarityIndex } from '../../core/models/similar-items.ts';
import type { MovieCatalogue } from '../movie-catalogue.ts';
import { catalogueFromArtifact } from '../movie-catalogue.ts';
import {
  contentNeighboursFromArtifact,
  explanationSimilarity,
  similarityParams,
} from '../model-version.ts';
import type { FoldInModel } from '../recommend-for-anonymous.ts';
import type { TitleSearch } from '../title-search.ts';
import { createTitleSearch } from '../title-search.ts';
import { API_MODEL_PARTS } from './serving-artifacts.ts';
import type { RatingBaseline } from './rating-baseline.ts';
import { ratingBaseline } from './rating-baseline.ts';
import { ModelUnavailableError } from './serving-errors.ts';

/** Reads one file of a model version (`models/<version>/<name>`); undefined when it is absent. */
export interface ModelFiles {
  read(version: string, fileName: string): Promise<Uint8Array | undefined>;
}

/**
 * The part of a model version the API keeps in memory: enough for title search, the anonymous
 * fold-in with explanations, and the baseline μ and scale of /predict. Everything per user or
 * per movie that is precomputed is read from the table instead.
 */
export interface ServingModel extends FoldInModel {
  version: string;
  manifest: ModelManifest;
  popularity: Popularity;
  rating: RatingBaseline;
  /** Raw movieId → dense item index. */
  itemOf: Map<number, number>;
}

/**
 * Fetches the manifest, then only the files of API_MODEL_PARTS, and decodes them with the codec
 * (sizes and SHA-256 verified). A missing or unreadable version is a ModelUnavailableError (503),
 * not a bug.
 */
export async function loadServingModel(files: ModelFiles, version: string): Promise<ServingModel> {
  const manifestBytes = await files.read(version, MANIFEST_FILE);
  if (manifestBytes === undefined) {
    throw new ModelUnavailableError(`model ${version} has no ${MANIFEST_FILE} in the bucket`);
  }
  const fileNames = neededFiles(manifestBytes, version);
  const contents = new Map<string, Uint8Array>([[MANIFEST_FILE, manifestBytes]]);
  await Promise.all(
    fileNames.map(async (name) => {
      const bytes = await files.read(version, name);
      if (bytes === undefined) throw new ModelUnavailableError(`model ${version} lacks ${name}`);
      contents.set(name, bytes);
    }),
  );
  let decoded;
  try {
    decoded = decodeModelVersion(contents, { models: API_MODEL_PARTS });
  } catch (error) {
    throw new ModelUnavailableError(
      `model ${version} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return servingModelFromArtifacts(decoded.manifest, decoded.artifacts);
}

export function servingModelFromArtifacts(
  manifest: ModelManifest,
  artifacts: Record<string, ModelArtifact>,
): ServingModel {
  const part = (name: string): ModelArtifact => {
    const artifact = artifacts[name];
    if (artifact === undefined) throw new ModelUnavailableError(`model has no "${name}" part`);
    return artifact;
  };
  const catalogue: MovieCatalogue = catalogueFromArtifact(part('catalogue'));
  const ranking: RankingModel = rankingModelFromArtifact(part('ranking'));
  const popularity = popularityFromArtifact(part('popularity'));
  const items = catalogue.itemIds.length;
  if (ranking.items !== items || popularity.stats.counts.length !== items) {
    throw new ModelUnavailableError('model parts disagree on the number of movies');
  }
  const titles: TitleSearch = createTitleSearch(catalogue, popularity.stats.counts);
  // At the blend and weights the version's stored lists were computed with (manifest params),
  // so a live list at another alpha differs from them by alpha, not by other settings.
  const similarity: SimilarityIndex = explanationSimilarity(
    ranking.itemFactors ?? null,
    catalogue,
    popularity,
    similarityParams(manifest.models.find((model) => model.name === 'similar')?.params ?? {}),
  );
  return {
    version: manifest.version,
    manifest,
    ranking,
    catalogue,
    popularity,
    titles,
    similarity,
    contentNeighbours: contentNeighboursFromArtifact(artifacts.content, items),
    rating: ratingBaseline(manifest),
    itemOf: new Map(Array.from(catalogue.itemIds, (movieId, item) => [movieId, item])),
  };
}

/** The files the API parts use, read from the (not yet verified) manifest. */
function neededFiles(manifestBytes: Uint8Array, version: string): string[] {
  let models: unknown;
  try {
    models = (JSON.parse(new TextDecoder().decode(manifestBytes)) as { models?: unknown }).models;
  } catch {
    throw new ModelUnavailableError(`model ${version}: ${MANIFEST_FILE} is not JSON`);
  }
  if (!Array.isArray(models)) {
    throw new ModelUnavailableError(`model ${version}: ${MANIFEST_FILE} lists no models`);
  }
  const wanted: readonly string[] = API_MODEL_PARTS;
  const names = new Set<string>();
  for (const model of models as { name?: unknown; arrays?: unknown }[]) {
    if (typeof model.name === 'string' && wanted.includes(model.name)) {
      for (const file of Object.values((model.arrays ?? {}) as Record<string, unknown>)) {
        if (typeof file === 'string') names.add(file);
      }
    }
  }
  return [...names];
}

/**
 * One loaded value per container for the live version: the first request for a version loads
 * it, concurrent requests share the promise, a new version replaces the old one, and a failed
 * load is forgotten so the next request retries.
 */
export function createVersionCache<T>(
  load: (version: string) => Promise<T>,
): (version: string) => Promise<T> {
  let held: { version: string; value: Promise<T> } | undefined;
  return (version) => {
    if (held?.version !== version) {
      const value = load(version);
      const entry = { version, value };
      held = entry;
      value.catch(() => {
        if (held === entry) held = undefined;
      });
    }
    return held.value;
  };
}
