import type { RatingScale } from '../../core/dataset/dataset.ts';
import type { ModelManifest } from '../../core/model-codec/manifest.ts';
import { decodeModelVersion, MANIFEST_FILE } from '../../core/model-codec/model-version.ts';
import { RATING_PART } from './serving-artifacts.ts';
import { ModelUnavailableError } from './serving-errors.ts';
import type { ModelFiles } from './serving-model.ts';

/** The global mean μ of the rating model and the scale its predictions are clipped to. */
export interface RatingBaseline {
  globalMean: number;
  scale: RatingScale;
}

/** μ and the scale from the `rating` model's params in a (verified) manifest. */
export function ratingBaseline(manifest: ModelManifest): RatingBaseline {
  const params = manifest.models.find((model) => model.name === RATING_PART)?.params;
  const scale = params?.scale as Partial<RatingScale> | undefined;
  const globalMean = params?.globalMean;
  if (
    typeof globalMean !== 'number' ||
    typeof scale?.min !== 'number' ||
    typeof scale.max !== 'number' ||
    typeof scale.step !== 'number'
  ) {
    throw new ModelUnavailableError(`model ${manifest.version} has no rating baseline`);
  }
  return { globalMean, scale: { min: scale.min, max: scale.max, step: scale.step } };
}

/** Reads and verifies only `manifest.json` of a version (no binary file is fetched). */
export async function loadRatingBaseline(
  files: ModelFiles,
  version: string,
): Promise<RatingBaseline> {
  const bytes = await files.read(version, MANIFEST_FILE);
  if (bytes === undefined) {
    throw new ModelUnavailableError(`model ${version} has no ${MANIFEST_FILE} in the bucket`);
  }
  try {
    return ratingBaseline(
      decodeModelVersion(new Map([[MANIFEST_FILE, bytes]]), { models: [] }).manifest,
    );
  } catch (error) {
    if (error instanceof ModelUnavailableError) throw error;
    throw new ModelUnavailableError(
      `model ${version} cannot be read: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
