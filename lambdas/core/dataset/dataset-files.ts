/**
 * The files of one dataset, wherever they live (a folder, a zip, S3, memory). Parsers read a file
 * as a stream of byte chunks, so a 850 MB ratings file is never held whole, let alone as one
 * string (V8 strings stop near 512 MB).
 */
export interface DatasetFiles {
  /** Name of the source, e.g. the folder or zip file name without extension. */
  readonly name: string;
  /** Paths of all files, '/'-separated, relative to the source (e.g. "ml-25m/ratings.csv"). */
  readonly paths: readonly string[];
  /** Size in bytes (uncompressed), used for progress and to size buffers. */
  size(path: string): number;
  /** The file's bytes, in order, in chunks of any size. */
  open(path: string): AsyncIterable<Uint8Array>;
}

/** Files held in memory: small inputs, tests and data already fetched whole. */
export function inMemoryDatasetFiles(
  name: string,
  files: Record<string, Uint8Array | string>,
): DatasetFiles {
  const encoder = new TextEncoder();
  const bytes = new Map<string, Uint8Array>(
    Object.entries(files).map(([path, content]) => [
      path,
      typeof content === 'string' ? encoder.encode(content) : content,
    ]),
  );
  const get = (path: string): Uint8Array => {
    const content = bytes.get(path);
    if (content === undefined) throw new Error(`no file ${path} in ${name}`);
    return content;
  };
  return {
    name,
    paths: [...bytes.keys()],
    size: (path) => get(path).length,
    open: async function* (path) {
      yield get(path);
    },
  };
}

/** A whole file as one byte array; for the small files only (movies, tags, links). */
export async function readAllBytes(files: DatasetFiles, path: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of files.open(path)) {
    chunks.push(chunk);
    length += chunk.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** The last path segment: "ml-25m/ratings.csv" → "ratings.csv". */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
