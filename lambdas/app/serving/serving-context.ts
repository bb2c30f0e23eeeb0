import type { ServingModel } from './serving-model.ts';
import type { ServingStore } from './serving-store.ts';
import type { RatingBaseline } from './rating-baseline.ts';

/** What the API's use-cases read from: the table, and the per-container caches of S3 artifacts. */
export interface ServingContext {
  store: ServingStore;
  /** The in-memory part of a version (title search, fold-in); loaded once per container. */
  model(version: string): Promise<ServingModel>;
  /** μ and the rating scale of a version, from its manifest only (cheap). */
  baseline(version: string): Promise<RatingBaseline>;
}
