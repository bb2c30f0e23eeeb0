import type { Dataset, Movie, Tag } from '../../core/dataset/dataset.ts';
import type { Dtype } from '../../core/model-codec/little-endian.ts';
import {
  fromLittleEndianBytes,
  toLittleEndianBytes,
} from '../../core/model-codec/little-endian.ts';
import type { NumericArray } from '../../core/models/artifact.ts';
import type { ObjectStore } from './object-store.ts';
import { getRequired } from './object-store.ts';

/**
 * The "processed" form of a validated dataset in S3: the dense rating arrays as little-endian
 * binary files and the movies and tags as JSON. Training reads it in seconds instead of parsing
 * CSV again, and it holds exactly what the loader accepted (ids already mapped, bad rows gone).
 * Version 2 adds ingest's `origin.json` beside it (training-origin.ts): the rating sources and
 * the users that are profiles. A tag genome, when the release has one, is two more binary files
 * (`genome.items.i32`, `genome.relevance.f32`) with its tag names in the JSON.
 */
export const PROCESSED_SCHEMA_VERSION = 2;

const ARRAYS = {
  'userIds.i32': 'int32',
  'itemIds.i32': 'int32',
  'ratings.user.i32': 'int32',
  'ratings.item.i32': 'int32',
  'ratings.value.f32': 'float32',
  // Unix seconds stored as the same 32 bits in an int32 file.
  'ratings.timestamp.u32': 'int32',
} as const satisfies Record<string, Dtype>;

const META_FILE = 'dataset.json';
const GENOME_ITEMS = 'genome.items.i32';
const GENOME_RELEVANCE = 'genome.relevance.f32';

interface ProcessedMeta {
  schemaVersion: number;
  name: string;
  scale: Dataset['scale'];
  movies: Movie[];
  /** [user, item, tag, timestamp] per tag. */
  tags: [number, number, string, number][];
  /** The genome's tag names; absent without a genome (and its files). */
  genomeTags?: string[];
}

export function encodeProcessedDataset(dataset: Dataset): Map<string, Uint8Array> {
  const { ratings } = dataset;
  const arrays: Record<keyof typeof ARRAYS, NumericArray> = {
    'userIds.i32': dataset.userIds,
    'itemIds.i32': dataset.itemIds,
    'ratings.user.i32': ratings.user,
    'ratings.item.i32': ratings.item,
    'ratings.value.f32': ratings.value,
    'ratings.timestamp.u32': new Int32Array(
      ratings.timestamp.buffer,
      ratings.timestamp.byteOffset,
      ratings.timestamp.length,
    ),
  };
  const files = new Map<string, Uint8Array>();
  for (const [name, array] of Object.entries(arrays)) files.set(name, toLittleEndianBytes(array));
  if (dataset.genome !== undefined) {
    files.set(GENOME_ITEMS, toLittleEndianBytes(dataset.genome.items));
    files.set(GENOME_RELEVANCE, toLittleEndianBytes(dataset.genome.relevance));
  }
  const meta: ProcessedMeta = {
    schemaVersion: PROCESSED_SCHEMA_VERSION,
    name: dataset.name,
    scale: dataset.scale,
    movies: dataset.movies,
    tags: dataset.tags.map((t: Tag) => [t.user, t.item, t.tag, t.timestamp]),
    ...(dataset.genome !== undefined && { genomeTags: dataset.genome.tags }),
  };
  files.set(META_FILE, new TextEncoder().encode(JSON.stringify(meta)));
  return files;
}

export function decodeProcessedDataset(files: ReadonlyMap<string, Uint8Array>): Dataset {
  const bytes = (name: string): Uint8Array => {
    const file = files.get(name);
    if (file === undefined) throw new Error(`processed dataset: missing ${name}`);
    return file;
  };
  const meta = JSON.parse(new TextDecoder().decode(bytes(META_FILE))) as ProcessedMeta;
  if (meta.schemaVersion !== PROCESSED_SCHEMA_VERSION) {
    throw new Error(`processed dataset: unsupported schemaVersion ${meta.schemaVersion}`);
  }
  const read = (name: keyof typeof ARRAYS): NumericArray =>
    fromLittleEndianBytes(bytes(name), ARRAYS[name]);
  const int = (name: keyof typeof ARRAYS) => read(name) as Int32Array;
  const stamps = int('ratings.timestamp.u32');
  const dataset: Dataset = {
    name: meta.name,
    userIds: int('userIds.i32'),
    itemIds: int('itemIds.i32'),
    movies: meta.movies,
    ratings: {
      user: int('ratings.user.i32'),
      item: int('ratings.item.i32'),
      value: read('ratings.value.f32') as Float32Array,
      timestamp: new Uint32Array(stamps.buffer, stamps.byteOffset, stamps.length),
    },
    tags: meta.tags.map(([user, item, tag, timestamp]) => ({ user, item, tag, timestamp })),
    ...(meta.genomeTags !== undefined && {
      genome: {
        tags: meta.genomeTags,
        items: fromLittleEndianBytes(bytes(GENOME_ITEMS), 'int32') as Int32Array,
        relevance: fromLittleEndianBytes(bytes(GENOME_RELEVANCE), 'float32') as Float32Array,
      },
    }),
    scale: meta.scale,
  };
  const n = dataset.ratings.value.length;
  if (
    dataset.movies.length !== dataset.itemIds.length ||
    [dataset.ratings.user, dataset.ratings.item, dataset.ratings.timestamp].some(
      (a) => a.length !== n,
    )
  ) {
    throw new Error('processed dataset: array lengths do not agree');
  }
  const genome = dataset.genome;
  if (
    genome !== undefined &&
    genome.relevance.length !== genome.items.length * genome.tags.length
  ) {
    throw new Error('processed dataset: genome arrays do not agree');
  }
  return dataset;
}

export const PROCESSED_FILES = [...Object.keys(ARRAYS), META_FILE];

export async function writeProcessedDataset(
  store: ObjectStore,
  prefix: string,
  dataset: Dataset,
): Promise<void> {
  for (const [name, bytes] of encodeProcessedDataset(dataset)) {
    await store.put(`${prefix}${name}`, bytes);
  }
}

/** Only the movies of a processed dataset (its JSON part), without the rating arrays. */
export async function readProcessedMovies(store: ObjectStore, prefix: string): Promise<Movie[]> {
  const meta = JSON.parse(
    new TextDecoder().decode(await getRequired(store, prefix + META_FILE)),
  ) as ProcessedMeta;
  if (meta.schemaVersion !== PROCESSED_SCHEMA_VERSION) {
    throw new Error(`processed dataset: unsupported schemaVersion ${meta.schemaVersion}`);
  }
  return meta.movies;
}

export async function readProcessedDataset(store: ObjectStore, prefix: string): Promise<Dataset> {
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    PROCESSED_FILES.map(async (name) => files.set(name, await getRequired(store, prefix + name))),
  );
  const meta = JSON.parse(new TextDecoder().decode(files.get(META_FILE))) as ProcessedMeta;
  if (meta.genomeTags !== undefined) {
    await Promise.all(
      [GENOME_ITEMS, GENOME_RELEVANCE].map(async (name) =>
        files.set(name, await getRequired(store, prefix + name)),
      ),
    );
  }
  return decodeProcessedDataset(files);
}
