import * as z from 'zod';

/**
 * `manifest.json` of a model version (docs/architecture.md §8): what was trained on which data,
 * with which parameters and results, and the name, type, length and SHA-256 of every binary file,
 * so a reader can prove it holds exactly what the trainer wrote. `manifestSha256` covers the
 * manifest itself (see `manifestChecksum`), so edited parameters are caught as well as edited
 * files.
 */
export const MODEL_SCHEMA_VERSION = 1;

/** File names stay plain (no folders, no dot-dot), so a manifest cannot point outside its folder. */
export const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const fileName = z.string().regex(FILE_NAME, 'must be a plain file name');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const count = z.number().int().nonnegative();

export const fileEntrySchema = z.object({
  name: fileName,
  dtype: z.enum(['float32', 'int32']),
  length: count,
  shape: z.array(count).optional(),
  sha256,
});

export const modelEntrySchema = z.object({
  /** Role in the version, e.g. "rating", "ranking", "similar", "popularity". */
  name: fileName,
  /** Artifact kind, e.g. "biased-mf". */
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  /** Array name → file name. */
  arrays: z.record(z.string(), fileName),
});

export const datasetSummarySchema = z.object({
  name: z.string(),
  fingerprint: sha256,
  ratings: count,
  users: count,
  items: count,
});

export const manifestSchema = z.object({
  schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
  version: z.string().min(1),
  /** ISO 8601 timestamp. */
  createdAt: z.iso.datetime(),
  dataset: datasetSummarySchema,
  parameters: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
  files: z.array(fileEntrySchema),
  models: z.array(modelEntrySchema),
  extra: z.unknown().optional(),
  manifestSha256: sha256,
});

export type ModelManifest = z.infer<typeof manifestSchema>;
export type ModelFileEntry = z.infer<typeof fileEntrySchema>;
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;
