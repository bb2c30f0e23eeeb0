import type { ModelArtifact, NumericArray } from '../models/artifact.ts';
import { sha256Hex } from './fingerprint.ts';
import {
  BYTES_PER_ELEMENT,
  dtypeOf,
  fromLittleEndianBytes,
  toLittleEndianBytes,
} from './little-endian.ts';
import type { DatasetSummary, ModelFileEntry, ModelManifest } from './manifest.ts';
import { FILE_NAME, MODEL_SCHEMA_VERSION, manifestSchema } from './manifest.ts';
import { ModelCodecError } from './model-codec-error.ts';

/**
 * A model version as bytes: one little-endian binary file per artifact array plus
 * `manifest.json`. Encoding and decoding are pure (a Map of file name → bytes), so the same code
 * serves a local folder, S3 and tests; decoding verifies everything it can and throws a
 * `ModelCodecError` naming the file rather than return a model that differs from what was written.
 */
export const MANIFEST_FILE = 'manifest.json';

export interface ModelVersionInput {
  version: string;
  /** ISO 8601 timestamp (a Date is converted); passed in because the core has no clock. */
  createdAt: string | Date;
  dataset: DatasetSummary;
  /** Role → artifact, e.g. { rating: mf.toArtifact(), similar: ... }. */
  artifacts: Record<string, ModelArtifact>;
  parameters?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  /** Any further JSON (no binary data) to keep in the manifest. */
  extra?: unknown;
}

export interface DecodedModelVersion {
  manifest: ModelManifest;
  artifacts: Record<string, ModelArtifact>;
}

const fileNameFor = (model: string, array: string, data: NumericArray): string =>
  `${model}.${array}.${dtypeOf(data) === 'float32' ? 'f32' : 'i32'}`;

/** SHA-256 of the manifest's compact JSON without its `manifestSha256` key, in written key order. */
export function manifestChecksum(manifestWithoutChecksum: Record<string, unknown>): string {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(manifestWithoutChecksum)));
}

export function encodeModelVersion(input: ModelVersionInput): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const files: ModelFileEntry[] = [];
  const models: ModelManifest['models'] = [];
  for (const [model, artifact] of Object.entries(input.artifacts)) {
    assertJson(artifact.params, `${model}.params`);
    const arrays: Record<string, string> = {};
    for (const [arrayName, data] of Object.entries(artifact.arrays)) {
      if (!(data instanceof Float32Array || data instanceof Int32Array)) {
        throw new ModelCodecError(
          MANIFEST_FILE,
          `${model}.${arrayName} is neither Float32Array nor Int32Array`,
        );
      }
      const name = fileNameFor(model, arrayName, data);
      if (!FILE_NAME.test(name) || name === MANIFEST_FILE) {
        throw new ModelCodecError(
          name,
          `model "${model}" array "${arrayName}" gives an unusable file name`,
        );
      }
      if (out.has(name)) throw new ModelCodecError(name, 'two arrays map to this file name');
      const bytes = toLittleEndianBytes(data);
      out.set(name, bytes);
      files.push({ name, dtype: dtypeOf(data), length: data.length, sha256: sha256Hex(bytes) });
      arrays[arrayName] = name;
    }
    models.push({ name: model, kind: artifact.kind, params: artifact.params, arrays });
  }
  const parameters = input.parameters ?? {};
  const metrics = input.metrics ?? {};
  assertJson(parameters, 'parameters');
  assertJson(metrics, 'metrics');
  if (input.extra !== undefined) assertJson(input.extra, 'extra');

  const body: Record<string, unknown> = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    version: input.version,
    createdAt: input.createdAt instanceof Date ? input.createdAt.toISOString() : input.createdAt,
    dataset: input.dataset,
    parameters,
    metrics,
    files,
    models,
    ...(input.extra === undefined ? {} : { extra: input.extra }),
  };
  const manifest = { ...body, manifestSha256: manifestChecksum(body) };
  const checked = manifestSchema.safeParse(manifest);
  if (!checked.success)
    throw new ModelCodecError(MANIFEST_FILE, describeIssues(checked.error.issues));
  out.set(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return out;
}

/**
 * Decodes a version; with `models`, only those models (roles) and the files they use, so a reader
 * that needs part of a version (the API) fetches and verifies only that part.
 */
export function decodeModelVersion(
  files: ReadonlyMap<string, Uint8Array>,
  options: { models?: readonly string[] } = {},
): DecodedModelVersion {
  const manifest = readManifest(files);
  const wanted = manifest.models.filter(
    (model) => options.models === undefined || options.models.includes(model.name),
  );
  const needed = new Set(wanted.flatMap((model) => Object.values(model.arrays)));
  const arrays = new Map<string, NumericArray>();
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (listed.has(entry.name))
      throw new ModelCodecError(MANIFEST_FILE, `lists ${entry.name} twice`);
    listed.add(entry.name);
    if (options.models === undefined || needed.has(entry.name)) {
      arrays.set(entry.name, readArrayFile(files, entry));
    }
  }
  const artifacts: Record<string, ModelArtifact> = {};
  for (const model of wanted) {
    if (Object.hasOwn(artifacts, model.name)) {
      throw new ModelCodecError(MANIFEST_FILE, `lists model "${model.name}" twice`);
    }
    const modelArrays: Record<string, NumericArray> = {};
    for (const [arrayName, fileName] of Object.entries(model.arrays)) {
      const data = arrays.get(fileName);
      if (data === undefined) {
        throw new ModelCodecError(
          MANIFEST_FILE,
          `model "${model.name}" array "${arrayName}" refers to ${fileName}, which is not in its file list`,
        );
      }
      modelArrays[arrayName] = data;
    }
    artifacts[model.name] = { kind: model.kind, params: model.params, arrays: modelArrays };
  }
  return { manifest, artifacts };
}

function readManifest(files: ReadonlyMap<string, Uint8Array>): ModelManifest {
  const bytes = files.get(MANIFEST_FILE);
  if (bytes === undefined) throw new ModelCodecError(MANIFEST_FILE, 'missing');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ModelCodecError(MANIFEST_FILE, `not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ModelCodecError(MANIFEST_FILE, 'is not a JSON object');
  }
  const { manifestSha256, ...body } = raw as Record<string, unknown>;
  if (body.schemaVersion !== MODEL_SCHEMA_VERSION) {
    throw new ModelCodecError(
      MANIFEST_FILE,
      `unsupported schemaVersion ${JSON.stringify(body.schemaVersion)} (this reader understands ${MODEL_SCHEMA_VERSION})`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new ModelCodecError(MANIFEST_FILE, describeIssues(parsed.error.issues));
  if (manifestChecksum(body) !== manifestSha256) {
    throw new ModelCodecError(
      MANIFEST_FILE,
      'manifestSha256 does not match its contents (edited or corrupted)',
    );
  }
  return parsed.data;
}

function readArrayFile(
  files: ReadonlyMap<string, Uint8Array>,
  entry: ModelFileEntry,
): NumericArray {
  const bytes = files.get(entry.name);
  if (bytes === undefined)
    throw new ModelCodecError(entry.name, 'missing (listed in manifest.json)');
  const expected = entry.length * BYTES_PER_ELEMENT;
  if (bytes.byteLength !== expected) {
    throw new ModelCodecError(
      entry.name,
      `${bytes.byteLength} bytes, expected ${expected} (${entry.length} × ${entry.dtype}); truncated or wrong file`,
    );
  }
  if (entry.shape !== undefined && entry.shape.reduce((a, b) => a * b, 1) !== entry.length) {
    throw new ModelCodecError(
      entry.name,
      `shape [${entry.shape.join(', ')}] does not hold ${entry.length} values`,
    );
  }
  if (sha256Hex(bytes) !== entry.sha256) {
    throw new ModelCodecError(
      entry.name,
      'sha256 does not match manifest.json (corrupted or replaced)',
    );
  }
  return fromLittleEndianBytes(bytes, entry.dtype);
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return `invalid manifest: ${issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ')}`;
}

/** Only plain JSON survives a round trip unchanged; NaN, Infinity, undefined or objects with prototypes would not. */
function assertJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ModelCodecError(MANIFEST_FILE, `${path} is ${value}, not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, i) => assertJson(element, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, element] of Object.entries(value)) assertJson(element, `${path}.${key}`);
    return;
  }
  throw new ModelCodecError(MANIFEST_FILE, `${path} is not plain JSON (${typeof value})`);
}
