import { ModelUnavailableError } from './serving-errors.ts';
import type { ModelPointer } from './serving-records.ts';
import type { ServingStore } from './serving-store.ts';

/** The live model pointer; before the first publish every model-backed route answers 503. */
export async function requireCurrentModel(store: ServingStore): Promise<ModelPointer> {
  const pointer = await store.getCurrentModel();
  if (pointer === undefined) {
    throw new ModelUnavailableError(
      'No model has been published yet: run the training pipeline, then retry.',
    );
  }
  return pointer;
}
