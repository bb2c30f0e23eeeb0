import type { Dataset, Movie, Tag } from '../../core/dataset/dataset.ts';
import type { Dtype } from '../../core/model-codec/little-endian.ts';
import { fromLittleEndianBytes, littleEndianView } from '../../core/model-codec/little-endian.ts';
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

/**
 * The files of the processed form, each as a view on the dataset's own arrays where the host is
 * little-endian (no copy): use each at once and keep none.
 */
function* processedFileViews(dataset: Dataset): Generator<[string, Uint8Array]> {
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
  for (const [name, array] of Object.entries(arrays)) yield [name, littleEndianView(array)];
  if (dataset.genome !== undefined) {
    yield [GENOME_ITEMS, littleEndianView(dataset.genome.items)];
    yield [GENOME_RELEVANCE, littleEndianView(dataset.genome.relevance)];
  }
  const meta: ProcessedMeta = {
    schemaVersion: PROCESSED_SCHEMA_VERSION,
    name: dataset.name,
    scale: dataset.scale,
    movies: dataset.movies,
    tags: dataset.tags.map((t: Tag) => [t.user, t.item, t.tag, t.timestamp]),
    ...(dataset.genome !== undefined && { genomeTags: dataset.genome.tags }),
  };
  yield [META_FILE, new TextEncoder().encode(JSON.stringify(meta))];
}

export function encodeProcessedDataset(dataset: Dataset): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of processedFileViews(dataset)) files.set(name, bytes.slice());
  return files;
}

function parseMeta(bytes: Uint8Array): ProcessedMeta {
  const meta = JSON.parse(new TextDecoder().decode(bytes)) as ProcessedMeta;
  if (meta.schemaVersion !== PROCESSED_SCHEMA_VERSION) {
    throw new Error(`processed dataset: unsupported schemaVersion ${meta.schemaVersion}`);
  }
  return meta;
}

const tagsOf = (meta: ProcessedMeta): Tag[] =>
  meta.tags.map(([user, item, tag, timestamp]) => ({ user, item, tag, timestamp }));

export function decodeProcessedDataset(files: ReadonlyMap<string, Uint8Array>): Dataset {
  const bytes = (name: string): Uint8Array => {
    const file = files.get(name);
    if (file === undefined) throw new Error(`processed dataset: missing ${name}`);
    return file;
  };
  const meta = parseMeta(bytes(META_FILE));
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
    tags: tagsOf(meta),
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

/**
 * Writes the processed files one at a time from views on the dataset's arrays: at 25M ratings a
 * copy of them all would be another 400 MB in ingest.
 */
export async function writeProcessedDataset(
  store: ObjectStore,
  prefix: string,
  dataset: Dataset,
): Promise<void> {
  for (const [name, bytes] of processedFileViews(dataset)) {
    await store.put(`${prefix}${name}`, bytes);
  }
}

/** Only the movies of a processed dataset (its JSON part), without the rating arrays. */
export async function readProcessedMovies(store: ObjectStore, prefix: string): Promise<Movie[]> {
  return parseMeta(await getRequired(store, prefix + META_FILE)).movies;
}

/** What the catalogue step needs of a processed dataset: its movies and tags, no ratings. */
export type ProcessedCatalogue = Pick<Dataset, 'name' | 'itemIds' | 'movies' | 'tags'>;

/**
 * The movies and tags of a processed dataset without its rating arrays (the catalogue step's
 * input: at 25M ratings those are 400 MB it does not need).
 */
export async function readProcessedCatalogue(
  store: ObjectStore,
  prefix: string,
): Promise<ProcessedCatalogue> {
  const [metaBytes, itemIdBytes] = await Promise.all([
    getRequired(store, prefix + META_FILE),
    getRequired(store, prefix + 'itemIds.i32'),
  ]);
  const meta = parseMeta(metaBytes);
  const itemIds = fromLittleEndianBytes(itemIdBytes, 'int32') as Int32Array;
  if (meta.movies.length !== itemIds.length) {
    throw new Error('processed dataset: array lengths do not agree');
  }
  return {
    name: meta.name,
    itemIds,
    movies: meta.movies,
    tags: tagsOf(meta),
  };
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
