import type { OnProgress } from '../progress.ts';
import { BadRows, type BadRowPolicy, type SkippedRows } from './bad-rows.ts';
import { DatasetError } from './dataset-error.ts';
import { baseName, readAllBytes, type DatasetFiles } from './dataset-files.ts';
import { detectFormat, type DatasetFormat } from './dataset-format.ts';
import type { Dataset, Movie, Ratings } from './dataset.ts';
import { IdIndex, sortedUniqueIds } from './id-index.ts';
import {
  applyLinksCsv,
  csvRows,
  delimitedRows,
  parseMoviesCsv,
  parseMoviesDat,
  parseUItem,
  type Row,
} from './movielens-movies.ts';
import { parseGenomeTags, scanGenomeScores } from './movielens-genome.ts';
import { parseTags } from './movielens-tags.ts';
import { inferRatingScale } from './rating-scale.ts';
import { RatingsBuilder } from './ratings-builder.ts';
import { scanRatings } from './ratings-scanner.ts';
import { decodeText, type TextEncodingName } from './text-encoding.ts';

/** What to do with a second rating of the same movie by the same user. */
export type DuplicatePolicy = 'error' | 'keep-last';

export interface LoadOptions {
  /** Default 'error'; 'keep-last' keeps the rating that comes later in the file. */
  duplicates?: DuplicatePolicy;
  /** Default 'error'; 'skip' skips unreadable rows and counts them in the report. */
  badRows?: BadRowPolicy;
  onProgress?: OnProgress;
}

/** What the load read and what it left out. */
export interface LoadReport {
  name: string;
  format: DatasetFormat;
  /** The files read, by role. */
  files: {
    ratings: string;
    movies: string;
    tags: string | null;
    links: string | null;
    genomeScores: string | null;
    genomeTags: string | null;
  };
  /** Encoding of the text files (movies, tags, links), detected per file. */
  encodings: Record<string, TextEncodingName>;
  ratings: number;
  users: number;
  items: number;
  tags: number;
  /** Movies with tag-genome relevances (0 without genome files). */
  genomeMovies: number;
  skipped: SkippedRows;
  /** Ratings dropped because a later line rated the same (user, movie) ('keep-last'). */
  duplicatesReplaced: number;
}

/**
 * Reads any MovieLens release (format detected from file names, see detectFormat) into a Dataset:
 * users dense by ascending raw id, items in movies-file order, ratings in typed arrays in file order.
 * Every problem is a DatasetError naming file and line, unless a policy says to skip and count it.
 */
export async function loadMovieLens(
  files: DatasetFiles,
  options: LoadOptions = {},
): Promise<{ dataset: Dataset; report: LoadReport }> {
  const detected = detectFormat(files.name, files.paths);
  const { format } = detected;
  const bad = new BadRows(options.badRows ?? 'error');
  const encodings: Record<string, TextEncodingName> = {};
  const readRows = async (path: string): Promise<Row[]> => {
    const { text, encoding } = decodeText(await readAllBytes(files, path));
    encodings[baseName(path)] = encoding;
    if (format === 'ml-csv') return csvRows(text, baseName(path));
    return delimitedRows(text, format === 'ml-100k' ? '|' : '::');
  };

  const moviesFile = baseName(detected.movies);
  const movieRows = await readRows(detected.movies);
  const movies: Movie[] =
    format === 'ml-csv'
      ? parseMoviesCsv(movieRows, moviesFile, bad)
      : format === 'ml-dat'
        ? parseMoviesDat(movieRows, moviesFile, bad)
        : parseUItem(movieRows, moviesFile, bad);
  const itemIds = Int32Array.from(movies, (movie) => movie.id);
  const movieIndex = new IdIndex(itemIds);
  if (detected.links !== undefined) {
    const rows = await readRows(detected.links);
    applyLinksCsv(rows, baseName(detected.links), movies, movieIndex, bad);
  }

  const ratingsFile = baseName(detected.ratings);
  const builder = new RatingsBuilder();
  const total = files.size(detected.ratings);
  let done = 0;
  await scanRatings(
    files.open(detected.ratings),
    format === 'ml-csv' ? ',' : format === 'ml-dat' ? '::' : '\t',
    {
      row: (user, movie, rating, timestamp, line) => {
        const item = movieIndex.get(movie);
        if (item < 0) {
          bad.report(
            ratingsFile,
            line,
            'unknown-movie',
            `movieId ${movie} is not in ${moviesFile}`,
          );
          return;
        }
        builder.push(user, item, rating, timestamp, line);
      },
      bad: (line, reason, problem) => bad.report(ratingsFile, line, reason, problem),
    },
    options.onProgress &&
      ((bytes) => {
        done += bytes;
        options.onProgress!({ step: 'load ratings', done, total });
      }),
  );
  if (builder.length === 0) {
    const skipped = bad.summary().total;
    throw new DatasetError(
      ratingsFile,
      undefined,
      skipped === 0
        ? 'no ratings (empty file)'
        : `no ratings left after skipping ${skipped} bad rows`,
    );
  }

  let ratings = builder.build();
  const userIds = sortedUniqueIds(ratings.user);
  const userIndex = new IdIndex(userIds);
  for (let k = 0; k < ratings.user.length; k++) ratings.user[k] = userIndex.get(ratings.user[k]!);

  const duplicates = findDuplicates(ratings, userIds.length, itemIds.length);
  const policy = options.duplicates ?? 'error';
  if (duplicates.length > 0) {
    const [first, second] = [duplicates[0]!, duplicates[1]!];
    if (policy === 'error') {
      throw new DatasetError(
        ratingsFile,
        builder.lineOf(second),
        `duplicate rating of movieId ${itemIds[ratings.item[second]!]} by userId ${userIds[ratings.user[second]!]} (also on line ${builder.lineOf(first)}); use the keep-last duplicates policy to keep the later one`,
      );
    }
    ratings = withoutPositions(ratings, duplicates);
  }

  let tags: Dataset['tags'] = [];
  if (detected.tags !== undefined) {
    const rows = await readRows(detected.tags);
    tags = parseTags(
      rows,
      baseName(detected.tags),
      format === 'ml-csv' ? 'csv' : 'dat',
      movieIndex,
      userIndex,
      bad,
    );
  }

  let genome: Dataset['genome'];
  if (detected.genomeScores !== undefined && detected.genomeTags !== undefined) {
    const genomeTags = parseGenomeTags(
      await readRows(detected.genomeTags),
      baseName(detected.genomeTags),
      bad,
    );
    genome = await scanGenomeScores(
      files.open(detected.genomeScores),
      baseName(detected.genomeScores),
      genomeTags,
      movieIndex,
      bad,
    );
  }

  const name = folderName(detected.ratings) ?? files.name;
  const dataset: Dataset = {
    name,
    userIds,
    itemIds,
    movies,
    ratings,
    tags,
    ...(genome !== undefined && { genome }),
    scale: inferRatingScale(ratings.value),
  };
  const report: LoadReport = {
    name,
    format,
    files: {
      ratings: detected.ratings,
      movies: detected.movies,
      tags: detected.tags ?? null,
      links: detected.links ?? null,
      genomeScores: detected.genomeScores ?? null,
      genomeTags: detected.genomeTags ?? null,
    },
    encodings,
    ratings: ratings.value.length,
    users: userIds.length,
    items: itemIds.length,
    tags: tags.length,
    genomeMovies: genome?.items.length ?? 0,
    skipped: bad.summary(),
    duplicatesReplaced: duplicates.length / 2,
  };
  return { dataset, report };
}

/**
 * Pairs (earlier, later) of positions rating the same (user, item), flattened. One pass per user
 * with an item → last-position table stamped by user, so O(n + items) time; the per-user grouping
 * is free when the file is sorted by user, as MovieLens files are, else one counting sort.
 */
function findDuplicates(ratings: Ratings, users: number, items: number): number[] {
  const n = ratings.user.length;
  const order = byUser(ratings.user, users);
  const stamp = new Int32Array(items).fill(-1);
  const lastAt = new Int32Array(items);
  const pairs: number[] = [];
  for (let j = 0; j < n; j++) {
    const k = order === undefined ? j : order[j]!;
    const user = ratings.user[k]!;
    const item = ratings.item[k]!;
    if (stamp[item] === user) pairs.push(lastAt[item]!, k);
    stamp[item] = user;
    lastAt[item] = k;
  }
  return pairs;
}

/** Positions grouped by user, each group in file order; undefined when already so. */
function byUser(user: Int32Array, users: number): Int32Array | undefined {
  let sorted = true;
  for (let k = 1; k < user.length && sorted; k++) sorted = user[k - 1]! <= user[k]!;
  if (sorted) return undefined;
  const start = new Int32Array(users + 1);
  for (let k = 0; k < user.length; k++) start[user[k]! + 1]!++;
  for (let u = 0; u < users; u++) start[u + 1]! += start[u]!;
  const order = new Int32Array(user.length);
  for (let k = 0; k < user.length; k++) order[start[user[k]!]!++] = k;
  return order;
}

/** Drops the earlier position of each (earlier, later) pair. */
function withoutPositions(ratings: Ratings, pairs: number[]): Ratings {
  const drop = new Uint8Array(ratings.user.length);
  for (let p = 0; p < pairs.length; p += 2) drop[pairs[p]!] = 1;
  const keep = ratings.user.length - pairs.length / 2;
  const out: Ratings = {
    user: new Int32Array(keep),
    item: new Int32Array(keep),
    value: new Float32Array(keep),
    timestamp: new Uint32Array(keep),
  };
  for (let k = 0, at = 0; k < ratings.user.length; k++) {
    if (drop[k] === 1) continue;
    out.user[at] = ratings.user[k]!;
    out.item[at] = ratings.item[k]!;
    out.value[at] = ratings.value[k]!;
    out.timestamp[at] = ratings.timestamp[k]!;
    at++;
  }
  return out;
}

/** "ml-25m/ratings.csv" → "ml-25m"; undefined for files at the root. */
function folderName(path: string): string | undefined {
  const parts = path.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}
