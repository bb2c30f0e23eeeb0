/**
 * What the serving path reads from the data bucket, and so what the pipeline must write there.
 *
 * A model version lives under `models/<version>/` exactly as the model codec encodes it
 * (`encodeModelVersion` in lambdas/core/model-codec): `manifest.json` plus one little-endian
 * binary file per artifact array, under the codec's own file names. The API never reads the whole
 * version: per container it reads the manifest (μ and the rating scale of /predict come from the
 * `rating` model's params) and the files of `API_MODEL_PARTS` only, each checked against the
 * manifest's SHA-256. The fuzzy title search is built from the `catalogue` part (titles, years,
 * genres) with `popularity` counts breaking ties, so there is no separate search-index file.
 */
export const MODELS_PREFIX = 'models/';

/** Versions appear in S3 keys and DynamoDB sort keys: keep them plain. */
export const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const modelObjectKeys = {
  folder: (version: string): string => `${MODELS_PREFIX}${version}/`,
  /** A file of the version, named as the codec named it (e.g. `ranking.itemFactors.f32`). */
  file: (version: string, fileName: string): string => `${MODELS_PREFIX}${version}/${fileName}`,
  manifest: (version: string): string => `${MODELS_PREFIX}${version}/manifest.json`,
} as const;

/**
 * Codec roles (model names in the manifest) the API loads once per container: `ranking` for the
 * anonymous fold-in, `catalogue` for title search and id resolution, `popularity` for cold-start
 * lists and search ties, `content` (each movie's top content neighbours) for the content side of
 * a per-request alpha; a version trained before it existed has none and falls back to genres
 * and years. The version must also hold a `rating` model entry in its manifest.
 */
export const API_MODEL_PARTS = ['ranking', 'catalogue', 'popularity', 'content'] as const;

/**
 * The web app's analytics of a version (dashboard-aggregates.ts), beside its model files:
 * `models/<version>/web/dashboard.json`, written by the catalogue step, served by GET /dashboard.
 */
export const DASHBOARD_FILE = 'web/dashboard.json';

/** The manifest model entry whose params hold `globalMean` and `scale` for /predict. */
export const RATING_PART = 'rating';
