import { beforeAll, describe, expect, it } from 'vitest';
import { loadRatingBaseline } from '../../../../lambdas/app/serving/rating-baseline.ts';
import { ModelUnavailableError } from '../../../../lambdas/app/serving/serving-errors.ts';
import {
  createVersionCache,
  loadServingModel,
  servingModelFromArtifacts,
} from '../../../../lambdas/app/serving/serving-model.ts';
import { decodeModelVersion } from '../../../../lambdas/core/model-codec/model-version.ts';
import { similarityRow } from '../../../../lambdas/core/models/similar-items.ts';
import type { ServingFixture } from './serving-fixture.ts';
import { buildServingFixture, memoryFiles, VERSION } from './serving-fixture.ts';

let fixture: ServingFixture;

beforeAll(async () => {
  fixture = await buildServingFixture();
});

describe('loadServingModel', () => {
  it('reads the manifest and only the files of the ranking, catalogue, popularity and content parts', async () => {
    const files = memoryFiles(fixture.files);
    const model = await loadServingModel(files, VERSION);
    expect(model.version).toBe(VERSION);
    expect(files.reads[0]).toBe('manifest.json');
    const parts = new Set(files.reads.slice(1).map((name) => name.split('.')[0]));
    expect([...parts].sort()).toEqual(['catalogue', 'content', 'popularity', 'ranking']);
    expect(files.reads.length).toBeLessThan(fixture.files.size);
    expect(model.rating.globalMean).toBeCloseTo(fixture.version.rating.globalMean, 6);
    expect(model.rating.scale).toEqual(fixture.dataset.scale);
    expect(model.itemOf.get(fixture.dataset.itemIds[4]!)).toBe(4);
  });

  it('reports a missing version, a missing file and a corrupted file as model unavailable', async () => {
    await expect(loadServingModel(memoryFiles(fixture.files), 'v-none')).rejects.toThrow(
      ModelUnavailableError,
    );
    const name = [...fixture.files.keys()].find((file) => file.startsWith('ranking.'))!;
    const missing = new Map(fixture.files);
    missing.delete(name);
    await expect(loadServingModel(memoryFiles(missing), VERSION)).rejects.toThrow(
      new RegExp(`lacks ${name.replace(/\./g, '\\.')}`),
    );
    const corrupted = new Map(fixture.files);
    const bytes = corrupted.get(name)!.slice();
    bytes[0] = bytes[0]! ^ 0xff;
    corrupted.set(name, bytes);
    const error = await loadServingModel(memoryFiles(corrupted), VERSION).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain(name);
  });

  it('loads a version trained before the content part, with the content of its index', () => {
    const { content: _content, ...older } = decodeModelVersion(fixture.files).artifacts;
    const model = servingModelFromArtifacts(fixture.version.manifest, older);
    expect(model.contentNeighbours).toBeNull();
    const row = new Float32Array(model.ranking.items);
    similarityRow(model.similarity, 0, 0, row, model.contentNeighbours ?? undefined);
    expect(row.some((s) => s > 0)).toBe(true);
  });

  it('reads the rating baseline from the manifest alone', async () => {
    const files = memoryFiles(fixture.files);
    const baseline = await loadRatingBaseline(files, VERSION);
    expect(files.reads).toEqual(['manifest.json']);
    expect(baseline.globalMean).toBeCloseTo(fixture.version.rating.globalMean, 6);
  });
});

describe('createVersionCache', () => {
  it('loads a version once, replaces it on a new version and forgets failures', async () => {
    const loads: string[] = [];
    let fail = true;
    const cache = createVersionCache(async (version) => {
      loads.push(version);
      if (version === 'bad' && fail) throw new Error('boom');
      return { version };
    });
    const [a, b] = await Promise.all([cache('v1'), cache('v1')]);
    expect(a).toBe(b);
    expect(loads).toEqual(['v1']);
    await cache('v2');
    expect(loads).toEqual(['v1', 'v2']);
    await expect(cache('bad')).rejects.toThrow('boom');
    fail = false;
    await expect(cache('bad')).resolves.toEqual({ version: 'bad' });
    expect(loads).toEqual(['v1', 'v2', 'bad', 'bad']);
  });
});
