import type { ProfileLimits } from '../profiles/profile-limits.ts';
import type { ProfileStore } from '../profiles/profile-store.ts';
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
  /** The profiles' items and limits; absent where nothing stores profiles (the bench's context). */
  profiles?: Profiles;
}

/** What the profile use-cases work with. */
export interface Profiles {
  store: ProfileStore;
  limits: ProfileLimits;
  /** Milliseconds since the epoch (the rate-limit windows and the ratings' times). */
  now: () => number;
}

/**
 * The context over a store and a version's files, each S3 artifact loaded once per container
 * for the live version (createVersionCache): what the API handler, the bench and tests use.
 */
export function createServingContext(
  store: ServingStore,
  files: ModelFiles,
  options: { onModelLoad?: (version: string) => void; profiles?: Profiles } = {},
): ServingContext {
  return {
    store,
    ...(options.profiles !== undefined && { profiles: options.profiles }),
    model: createVersionCache((version) => {
      options.onModelLoad?.(version);
      return loadServingModel(files, version);
    }),
    baseline: createVersionCache((version) => loadRatingBaseline(files, version)),
    dashboard: createVersionCache((version) => loadDashboard(files, version)),
  };
}
