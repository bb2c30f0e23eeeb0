import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../core/dataset/dataset.ts';

const BUFFER = 1 << 20;

/**
 * Writes a dataset as an ml-latest folder (ratings.csv, movies.csv, tags.csv, links.csv, with
 * headers, LF), which loadDataset reads back. Ratings are formatted byte by byte into a 1 MB
 * buffer, so 25M rows take seconds rather than building strings per row. Tags whose user never
 * rated (user -1) cannot be written: their raw user id is not kept in the Dataset.
 */
export async function writeMovieLensCsv(dataset: Dataset, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const { userIds, itemIds, ratings } = dataset;

  await withWriter(join(folder, 'ratings.csv'), async (out) => {
    await out.text('userId,movieId,rating,timestamp\n');
    for (let k = 0; k < ratings.value.length; k++) {
      if (out.free < 48) await out.flush();
      out.whole(userIds[ratings.user[k]!]!);
      out.byte(44);
      out.whole(itemIds[ratings.item[k]!]!);
      out.byte(44);
      const halves = Math.round(ratings.value[k]! * 2);
      out.whole(halves >> 1);
      out.byte(46);
      out.byte(halves & 1 ? 53 : 48);
      out.byte(44);
      out.whole(ratings.timestamp[k]!);
      out.byte(10);
    }
  });

  await withWriter(join(folder, 'movies.csv'), async (out) => {
    await out.text('movieId,title,genres\n');
    for (const movie of dataset.movies) {
      const title = movie.year === null ? movie.title : `${movie.title} (${movie.year})`;
      const genres = movie.genres.length === 0 ? '(no genres listed)' : movie.genres.join('|');
      await out.text(`${movie.id},${csvField(title)},${csvField(genres)}\n`);
    }
  });

  await withWriter(join(folder, 'tags.csv'), async (out) => {
    await out.text('userId,movieId,tag,timestamp\n');
    for (const tag of dataset.tags) {
      if (tag.user < 0) continue;
      await out.text(
        `${userIds[tag.user]},${itemIds[tag.item]},${csvField(tag.tag)},${tag.timestamp}\n`,
      );
    }
  });

  await withWriter(join(folder, 'links.csv'), async (out) => {
    await out.text('movieId,imdbId,tmdbId\n');
    for (const movie of dataset.movies) {
      await out.text(`${movie.id},${movie.imdbId ?? ''},${movie.tmdbId ?? ''}\n`);
    }
  });
}

const csvField = (text: string): string =>
  /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;

/** A buffered file writer: bytes accumulate in memory and go to disk 1 MB at a time. */
class BufferedWriter {
  private readonly buffer = new Uint8Array(BUFFER);
  private readonly encoder = new TextEncoder();
  private fill = 0;

  constructor(private readonly handle: FileHandle) {}

  get free(): number {
    return BUFFER - this.fill;
  }

  byte(value: number): void {
    this.buffer[this.fill++] = value;
  }

  /** A non-negative integer in decimal. */
  whole(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    for (let at = this.fill + digits - 1, rest = value; at >= this.fill; at--) {
      this.buffer[at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.fill += digits;
  }

  async text(text: string): Promise<void> {
    const bytes = this.encoder.encode(text);
    if (bytes.length > BUFFER) {
      await this.flush();
      await this.handle.write(bytes);
      return;
    }
    if (this.free < bytes.length) await this.flush();
    this.buffer.set(bytes, this.fill);
    this.fill += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.fill > 0) await this.handle.write(this.buffer, 0, this.fill);
    this.fill = 0;
  }
}

async function withWriter(
  path: string,
  write: (out: BufferedWriter) => Promise<void>,
): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const writer = new BufferedWriter(handle);
    await write(writer);
    await writer.flush();
  } finally {
    await handle.close();
  }
}
