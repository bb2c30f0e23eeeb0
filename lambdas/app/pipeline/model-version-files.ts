import { decodeModelVersion, MANIFEST_FILE } from '../../core/model-codec/model-version.ts';
import type { ModelManifest } from '../../core/model-codec/manifest.ts';
import type { NumericArray } from '../../core/models/artifact.ts';
import { fromLittleEndianBytes } from '../../core/model-codec/little-endian.ts';
import type { ModelVersion } from '../model-version.ts';
import { modelVersionFromDecoded } from '../model-version.ts';
import { modelObjectKeys } from '../serving/serving-artifacts.ts';
import type { ObjectStore } from './object-store.ts';
import { getJson, getRequired } from './object-store.ts';

/** Reading and writing model versions in the data bucket, file for file as the codec wrote them. */

export async function writeModelVersionFiles(
  store: ObjectStore,
  version: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  // The manifest last: a version folder with a manifest is complete.
  for (const [name, bytes] of files) {
    if (name !== MANIFEST_FILE) await store.put(modelObjectKeys.file(version, name), bytes);
  }
  const manifest = files.get(MANIFEST_FILE);
  if (manifest === undefined) throw new Error(`model version ${version} has no ${MANIFEST_FILE}`);
  await store.put(modelObjectKeys.manifest(version), manifest, 'application/json');
}

/** The manifest as JSON (not checksum-verified: for metrics and file names only). */
export async function readManifest(store: ObjectStore, version: string): Promise<ModelManifest> {
  return (await getJson(store, modelObjectKeys.manifest(version))) as ModelManifest;
}

/** Every file of the version, decoded and verified by the codec, with all parts rebuilt. */
export async function readModelVersion(store: ObjectStore, version: string): Promise<ModelVersion> {
  const manifestBytes = await getRequired(store, modelObjectKeys.manifest(version));
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as ModelManifest;
  const files = new Map<string, Uint8Array>([[MANIFEST_FILE, manifestBytes]]);
  await Promise.all(
    manifest.files.map(async (entry) =>
      files.set(entry.name, await getRequired(store, modelObjectKeys.file(version, entry.name))),
    ),
  );
  return modelVersionFromDecoded(decodeModelVersion(files));
}

/** One array of one part, e.g. ('users', 'userIds'), without loading the rest of the version. */
export async function readModelArray(
  store: ObjectStore,
  manifest: ModelManifest,
  part: string,
  array: string,
): Promise<NumericArray> {
  const fileName = manifest.models.find((model) => model.name === part)?.arrays[array];
  const entry = manifest.files.find((file) => file.name === fileName);
  if (fileName === undefined || entry === undefined) {
    throw new Error(`model version ${manifest.version} has no ${part}.${array}`);
  }
  const bytes = await getRequired(store, modelObjectKeys.file(manifest.version, fileName));
  return fromLittleEndianBytes(bytes, entry.dtype);
}
