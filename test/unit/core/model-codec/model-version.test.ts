import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../../../lambdas/core/models/artifact.ts';
import { sha256Hex } from '../../../../lambdas/core/model-codec/fingerprint.ts';
import { ModelCodecError } from '../../../../lambdas/core/model-codec/model-codec-error.ts';
import type { ModelVersionInput } from '../../../../lambdas/core/model-codec/model-version.ts';
import {
  MANIFEST_FILE,
  decodeModelVersion,
  encodeModelVersion,
} from '../../../../lambdas/core/model-codec/model-version.ts';

const rating: ModelArtifact = {
  kind: 'biased-mf',
  params: { factors: 2, regularization: 0.05 },
  arrays: {
    // Values a text format would not keep exactly: subnormals, -0, extremes, NaN.
    itemFactors: new Float32Array([0.1, -0, 1e-40, 3.4028234663852886e38, Number.NaN, -1.5]),
    itemBias: new Float32Array([0.25, -0.125, 1 / 3]),
  },
};
const popularity: ModelArtifact = {
  kind: 'popularity',
  params: { genres: ['Comedy', 'Drama'] },
  arrays: { overallItems: new Int32Array([2, 0, -1, 2147483647, -2147483648]) },
};

const input: ModelVersionInput = {
  version: '2026-11-21T19-30-00Z',
  createdAt: new Date(Date.UTC(2026, 10, 21, 19, 30)),
  dataset: { name: 'tiny', fingerprint: 'a'.repeat(64), ratings: 10, users: 3, items: 3 },
  artifacts: { rating, popularity },
  parameters: { seed: 42 },
  metrics: { rmse: 0.87 },
  extra: { note: 'hello' },
};

const bits = (array: Float32Array | Int32Array): number[] =>
  Array.from(new Uint32Array(array.buffer.slice(0)));

function decodeError(files: Map<string, Uint8Array>): ModelCodecError {
  try {
    decodeModelVersion(files);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelCodecError);
    return error as ModelCodecError;
  }
  throw new Error('decode unexpectedly succeeded');
}

const manifestOf = (files: Map<string, Uint8Array>): Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE)!)) as Record<string, unknown>;
const withManifest = (files: Map<string, Uint8Array>, manifest: unknown): Map<string, Uint8Array> =>
  new Map(files).set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));

describe('model codec', () => {
  it('round-trips arrays bit for bit and keeps the manifest fields', () => {
    const files = encodeModelVersion(input);
    expect([...files.keys()].sort()).toEqual([
      'manifest.json',
      'popularity.overallItems.i32',
      'rating.itemBias.f32',
      'rating.itemFactors.f32',
    ]);
    const { manifest, artifacts } = decodeModelVersion(files);
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.createdAt).toBe('2026-11-21T19:30:00.000Z');
    expect(manifest.metrics).toEqual({ rmse: 0.87 });
    expect(manifest.extra).toEqual({ note: 'hello' });
    expect(manifest.files.find((f) => f.name === 'rating.itemFactors.f32')).toMatchObject({
      dtype: 'float32',
      length: 6,
    });
    expect(artifacts.rating!.kind).toBe('biased-mf');
    expect(artifacts.rating!.params).toEqual(rating.params);
    const factors = artifacts.rating!.arrays.itemFactors!;
    expect(factors).toBeInstanceOf(Float32Array);
    expect(bits(factors)).toEqual(bits(rating.arrays.itemFactors!));
    expect(bits(artifacts.rating!.arrays.itemBias!)).toEqual(bits(rating.arrays.itemBias!));
    expect(artifacts.popularity!.arrays.overallItems).toEqual(popularity.arrays.overallItems);
    expect(artifacts.popularity!.arrays.overallItems).toBeInstanceOf(Int32Array);
  });

  it('writes little-endian bytes', () => {
    const files = encodeModelVersion(input);
    expect(Array.from(files.get('popularity.overallItems.i32')!.subarray(0, 4))).toEqual([
      2, 0, 0, 0,
    ]);
  });

  it('is deterministic', () => {
    const a = encodeModelVersion(input);
    const b = encodeModelVersion(input);
    for (const [name, bytes] of a) expect(b.get(name)).toEqual(bytes);
  });

  it('names the file whose byte was flipped', () => {
    const files = encodeModelVersion(input);
    const corrupted = files.get('rating.itemBias.f32')!.slice();
    corrupted[5]! ^= 0x01;
    const error = decodeError(new Map(files).set('rating.itemBias.f32', corrupted));
    expect(error.file).toBe('rating.itemBias.f32');
    expect(error.message).toMatch(/rating\.itemBias\.f32: sha256 does not match/);
  });

  it('rejects a truncated file', () => {
    const files = encodeModelVersion(input);
    const truncated = files.get('rating.itemFactors.f32')!.subarray(0, 22);
    const error = decodeError(new Map(files).set('rating.itemFactors.f32', truncated));
    expect(error.message).toMatch(/rating\.itemFactors\.f32: 22 bytes, expected 24/);
  });

  it('rejects a missing file and a missing manifest', () => {
    const files = encodeModelVersion(input);
    const withoutFile = new Map(files);
    withoutFile.delete('popularity.overallItems.i32');
    expect(decodeError(withoutFile).message).toMatch(/popularity\.overallItems\.i32: missing/);
    const withoutManifest = new Map(files);
    withoutManifest.delete(MANIFEST_FILE);
    expect(decodeError(withoutManifest).message).toBe('manifest.json: missing');
  });

  it('decodes only the models asked for, needing only their files', () => {
    const files = encodeModelVersion(input);
    const onlyPopularity = new Map(files);
    onlyPopularity.delete('rating.itemFactors.f32');
    onlyPopularity.delete('rating.itemBias.f32');
    const decoded = decodeModelVersion(onlyPopularity, { models: ['popularity'] });
    expect(Object.keys(decoded.artifacts)).toEqual(['popularity']);
    expect(decoded.manifest.models.map((model) => model.name)).toEqual(['rating', 'popularity']);
    const tampered = new Map(files).set('popularity.overallItems.i32', new Uint8Array(20));
    expect(() => decodeModelVersion(tampered, { models: ['popularity'] })).toThrow(
      /popularity\.overallItems\.i32/,
    );
  });

  it('rejects another schema version', () => {
    const files = encodeModelVersion(input);
    const error = decodeError(withManifest(files, { ...manifestOf(files), schemaVersion: 2 }));
    expect(error.message).toMatch(/manifest\.json: unsupported schemaVersion 2/);
  });

  it('rejects a tampered manifest', () => {
    const files = encodeModelVersion(input);
    const manifest = manifestOf(files) as { models: { params: Record<string, unknown> }[] };
    manifest.models[0]!.params.factors = 3;
    expect(decodeError(withManifest(files, manifest)).message).toMatch(
      /manifest\.json: manifestSha256 does not match/,
    );
  });

  it('rejects a manifest whose file entry was rewritten to match a replaced file', () => {
    const files = encodeModelVersion(input);
    const replaced = new Uint8Array(12);
    const manifest = manifestOf(files) as { files: { name: string; sha256: string }[] };
    manifest.files.find((f) => f.name === 'rating.itemBias.f32')!.sha256 = sha256Hex(replaced);
    const error = decodeError(withManifest(files, manifest).set('rating.itemBias.f32', replaced));
    expect(error.file).toBe(MANIFEST_FILE);
  });

  it('rejects malformed manifests with a reason', () => {
    const files = encodeModelVersion(input);
    const notJson = new Map(files).set(
      MANIFEST_FILE,
      new TextEncoder().encode('{"schemaVersion": 1,'),
    );
    expect(decodeError(notJson).message).toMatch(/manifest\.json: not valid UTF-8 JSON/);
    const manifest = manifestOf(files) as { files: { name: string }[] };
    manifest.files[0]!.name = '../escape.f32';
    expect(decodeError(withManifest(files, manifest)).message).toMatch(
      /manifest\.json: invalid manifest: files\.0\.name: must be a plain file name/,
    );
  });

  it('refuses parameters that JSON cannot carry', () => {
    expect(() => encodeModelVersion({ ...input, metrics: { rmse: Number.NaN } })).toThrow(
      /metrics\.rmse is NaN, not JSON/,
    );
    expect(() =>
      encodeModelVersion({
        ...input,
        artifacts: {
          bad: {
            kind: 'x',
            params: {},
            arrays: { a: new Float64Array(2) as unknown as Float32Array },
          },
        },
      }),
    ).toThrow(/neither Float32Array nor Int32Array/);
  });
});
