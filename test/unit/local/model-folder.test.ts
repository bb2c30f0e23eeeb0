import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeModelVersion } from '../../../lambdas/core/model-codec/model-version.ts';
import {
  loadModelFolder,
  readModelFolder,
  writeModelFolder,
} from '../../../lambdas/local/model-folder.ts';

const files = (value: number) =>
  encodeModelVersion({
    version: 'v1',
    createdAt: '2026-11-21T19:30:00Z',
    dataset: { name: 'tiny', fingerprint: '0'.repeat(64), ratings: 1, users: 1, items: 1 },
    artifacts: {
      rating: { kind: 'x', params: {}, arrays: { bias: new Float32Array([value, 2]) } },
    },
  });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-folder-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('model folders', () => {
  it('writes a version and reads it back verified', async () => {
    const folder = join(root, 'models', 'v1');
    await writeModelFolder(folder, files(1));
    expect((await readdir(folder)).sort()).toEqual(['manifest.json', 'rating.bias.f32']);
    expect(await readModelFolder(folder)).toEqual(files(1));
    const { artifacts } = await loadModelFolder(folder);
    expect(artifacts.rating!.arrays.bias).toEqual(new Float32Array([1, 2]));
    expect(await readdir(join(root, 'models'))).toEqual(['v1']);
  });

  it('refuses to overwrite unless asked, and then replaces the whole version', async () => {
    const folder = join(root, 'v1');
    await writeModelFolder(folder, files(1));
    await expect(writeModelFolder(folder, files(5))).rejects.toThrow(/already exists/);
    await writeFile(join(folder, 'stale.f32'), new Uint8Array(4));
    await writeModelFolder(folder, files(5), { overwrite: true });
    expect((await readdir(folder)).sort()).toEqual(['manifest.json', 'rating.bias.f32']);
    expect((await loadModelFolder(folder)).artifacts.rating!.arrays.bias![0]).toBe(5);
    expect(await readdir(root)).toEqual(['v1']);
  });

  it('leaves nothing behind when a write fails', async () => {
    const folder = join(root, 'v1');
    const bad = new Map(files(1)).set('../evil', new Uint8Array(1));
    await expect(writeModelFolder(folder, bad)).rejects.toThrow(/refusing file name/);
    // A file where the staging folder's parent should be makes mkdir fail midway.
    await writeFile(join(root, 'blocker'), 'x');
    await expect(writeModelFolder(join(root, 'blocker', 'v1'), files(1))).rejects.toThrow();
    expect(await readdir(root)).toEqual(['blocker']);
  });

  it('names the folder and the file when the version is corrupted', async () => {
    const folder = join(root, 'v1');
    await writeModelFolder(folder, files(1));
    await writeFile(join(folder, 'rating.bias.f32'), new Uint8Array([0, 0, 128, 63, 0, 0, 64, 64]));
    await expect(loadModelFolder(folder)).rejects.toThrow(
      `${folder}/rating.bias.f32: sha256 does not match manifest.json`,
    );
    await rm(join(folder, 'manifest.json'));
    await expect(loadModelFolder(folder)).rejects.toThrow(`${folder}/manifest.json: missing`);
    await expect(loadModelFolder(join(root, 'nope'))).rejects.toThrow(/cannot read model folder/);
  });
});
