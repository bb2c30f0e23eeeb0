import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../lambdas/core/dataset/dataset-error.ts';
import { readAllBytes } from '../../../../lambdas/core/dataset/dataset-files.ts';
import { loadMovieLens } from '../../../../lambdas/core/dataset/load-movielens.ts';
import {
  zipDatasetFiles,
  type RandomAccessBytes,
} from '../../../../lambdas/core/dataset/zip-dataset-files.ts';

const inMemory = (bytes: Uint8Array): RandomAccessBytes => ({
  size: bytes.length,
  read: async (offset, length) => bytes.slice(offset, offset + length),
});

const RATINGS = 'userId,movieId,rating,timestamp\r\n1,1,4.0,100\r\n2,2,3.5,200\r\n';
const MOVIES =
  'movieId,title,genres\r\n1,Toy Story (1995),Animation\r\n2,"Heat, again (1995)",Action\r\n';

describe('zipDatasetFiles', () => {
  it('lists files under the top-level folder, skipping folders and __MACOSX', async () => {
    const zip = zipSync({
      'ml-latest-small/ratings.csv': strToU8(RATINGS),
      'ml-latest-small/movies.csv': [strToU8(MOVIES), { level: 0 }],
      'ml-latest-small/README.txt': strToU8('readme'),
      '__MACOSX/ml-latest-small/._ratings.csv': strToU8('junk'),
    });
    const files = await zipDatasetFiles(inMemory(zip), 'ml-latest-small');
    expect([...files.paths].sort()).toEqual([
      'ml-latest-small/README.txt',
      'ml-latest-small/movies.csv',
      'ml-latest-small/ratings.csv',
    ]);
    expect(files.size('ml-latest-small/ratings.csv')).toBe(RATINGS.length);
    expect(new TextDecoder().decode(await readAllBytes(files, 'ml-latest-small/movies.csv'))).toBe(
      MOVIES,
    );
  });

  it('streams a deflated entry larger than one read in several chunks, byte-exact', async () => {
    // Incompressible bytes (xorshift32), so the compressed entry spans several 1 MB reads.
    const big = new Uint8Array(1_500_000);
    for (let k = 0, x = 2463534242; k < big.length; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      big[k] = x & 0xff;
    }
    const files = await zipDatasetFiles(
      inMemory(zipSync({ 'big.bin': [big, { level: 1 }] })),
      'big',
    );
    let chunks = 0;
    const all = new Uint8Array(big.length);
    let at = 0;
    for await (const chunk of files.open('big.bin')) {
      all.set(chunk, at);
      at += chunk.length;
      chunks++;
    }
    expect(at).toBe(big.length);
    expect(chunks).toBeGreaterThan(1);
    expect(Buffer.compare(all, big)).toBe(0);
  });

  it('loads a dataset from a GroupLens-style zip', async () => {
    const zip = zipSync({
      'ml-tiny/ratings.csv': strToU8(RATINGS),
      'ml-tiny/movies.csv': strToU8(MOVIES),
    });
    const { dataset, report } = await loadMovieLens(
      await zipDatasetFiles(inMemory(zip), 'ml-tiny'),
    );
    expect(report.files.ratings).toBe('ml-tiny/ratings.csv');
    expect(dataset.name).toBe('ml-tiny');
    expect(dataset.movies[1]!.title).toBe('Heat, again');
    expect(Array.from(dataset.ratings.value)).toEqual([4, 3.5]);
  });

  it('rejects what is not a zip', async () => {
    await expect(zipDatasetFiles(inMemory(strToU8('userId,movieId\n')), 'notes')).rejects.toThrow(
      new DatasetError(
        'notes.zip',
        undefined,
        'unreadable zip: no end-of-central-directory record (not a zip file?)',
      ),
    );
  });

  it('rejects a zip whose data is corrupt', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(RATINGS.repeat(50)) });
    // The deflate stream starts 30 + name length bytes in; overwrite it with garbage.
    for (let k = 41; k < 60; k++) zip[k] = 0xff;
    const files = await zipDatasetFiles(inMemory(zip), 'bad');
    const error = await readAllBytes(files, 'ratings.csv').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^bad\.zip: unreadable zip: ratings\.csv/);
  });

  it('rejects a truncated zip', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(RATINGS) });
    await expect(zipDatasetFiles(inMemory(zip.slice(0, zip.length - 30)), 'cut')).rejects.toThrow(
      /^cut\.zip: unreadable zip/,
    );
  });

  it('reads Zip64 archives (sizes and offsets in the Zip64 extra field and end record)', async () => {
    const zip = zip64Stored('ml/ratings.csv', strToU8(RATINGS));
    const files = await zipDatasetFiles(inMemory(zip), 'big');
    expect(files.paths).toEqual(['ml/ratings.csv']);
    expect(files.size('ml/ratings.csv')).toBe(RATINGS.length);
    expect(new TextDecoder().decode(await readAllBytes(files, 'ml/ratings.csv'))).toBe(RATINGS);
  });
});

/** A one-entry stored zip written the way Zip64 tools do: every size and offset deferred to 64 bits. */
function zip64Stored(name: string, data: Uint8Array): Uint8Array {
  const path = strToU8(name);
  const parts: Uint8Array[] = [];
  let length = 0;
  /** Little-endian integers, each given as [byte width, value]. */
  const put = (...fields: ([2 | 4 | 8, number] | Uint8Array)[]): void => {
    for (const field of fields) {
      const bytes = field instanceof Uint8Array ? field : new Uint8Array(field[0]);
      if (!(field instanceof Uint8Array)) {
        const view = new DataView(bytes.buffer);
        if (field[0] === 2) view.setUint16(0, field[1], true);
        else if (field[0] === 4) view.setUint32(0, field[1], true);
        else view.setBigUint64(0, BigInt(field[1]), true);
      }
      parts.push(bytes);
      length += bytes.length;
    }
  };
  const FULL: [4, number] = [4, 0xffffffff];
  put([4, 0x04034b50], [2, 45], [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], FULL, FULL);
  put([2, path.length], [2, 20], path, [2, 1], [2, 16], [8, data.length], [8, data.length], data);
  const directoryOffset = length;
  put([4, 0x02014b50], [2, 45], [2, 45], [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], FULL, FULL);
  put([2, path.length], [2, 28], [2, 0], [2, 0], [2, 0], [4, 0], FULL, path);
  put([2, 1], [2, 24], [8, data.length], [8, data.length], [8, 0]);
  const directorySize = length - directoryOffset;
  const zip64End = length;
  put([4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, 1], [8, 1]);
  put([8, directorySize], [8, directoryOffset]);
  put([4, 0x07064b50], [4, 0], [8, zip64End], [4, 1]);
  put([4, 0x06054b50], [2, 0], [2, 0], [2, 0xffff], [2, 0xffff], FULL, FULL, [2, 0]);
  const zip = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    zip.set(part, at);
    at += part.length;
  }
  return zip;
}
