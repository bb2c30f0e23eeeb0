import type { Dashboard } from './live-dashboard.ts';
import { loadDashboard } from './live-dashboard.ts';
import type { RatingBaseline } from './rating-baseline.ts';
import { loadRatingBaseline } from './rating-baseline.ts';
import type { ModelFiles, ServingModel } from './serving-model.ts';
import { createVersionCache, loadServingModel } from './serving-model.ts';
import type { ServingStore } from './serving-store.ts';

/** What the API's use-cases read from: the table, and the per-container caches of S3 artifacts. */
export interface ServingContext {
  store: ServingStore;
  /** The in-memory part of a version (title search, fold-in); loaded once per container. */
  model(version: string): Promise<ServingModel>;
  /** μ and the rating scale of a version, from its manifest only (cheap). */
  baseline(version: string): Promise<RatingBaseline>;
  /** The version's analytics for the web app's dashboard page. */
  dashboard(version: string): Promise<Dashboard>;
}

/**
 * The context over a store and a version's files, each S3 artifact loaded once per container
 * for the live version (createVersionCache): what the API handler, the bench and tests use.
 */
export function createServingContext(
  store: ServingStore,
  files: ModelFiles,
  options: { onModelLoad?: (version: string) => void } = {},
): ServingContext {
  return {
    store,
    model: createVersionCache((version) => {
      options.onModelLoad?.(version);
      return loadServingModel(files, version);
    }),
    baseline: createVersionCache((version) => loadRatingBaseline(files, version)),
    dashboard: createVersionCache((version) => loadDashboard(files, version)),
  };
}
