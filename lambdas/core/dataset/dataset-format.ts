import { DatasetError } from './dataset-error.ts';
import { baseName } from './dataset-files.ts';

/**
 * The MovieLens file layouts, told apart by file names alone:
 * - `ml-100k`: u.data (tab-separated ratings) + u.item (`|`-separated movies, 19 genre flags);
 * - `ml-dat`: ratings.dat + movies.dat (+ tags.dat), `::`-separated (ml-1m, ml-10m);
 * - `ml-csv`: ratings.csv + movies.csv (+ tags.csv, links.csv), with headers (ml-latest-small,
 *   ml-20m, ml-25m, ml-32m; ml-20m and ml-25m also carry the tag genome, genome-scores.csv +
 *   genome-tags.csv, read only when both are present).
 */
export type DatasetFormat = 'ml-100k' | 'ml-dat' | 'ml-csv';

export interface DetectedFormat {
  format: DatasetFormat;
  /** Full paths of the files to read; optional ones are undefined when absent. */
  ratings: string;
  movies: string;
  tags: string | undefined;
  links: string | undefined;
  genomeScores: string | undefined;
  genomeTags: string | undefined;
}

const LAYOUTS: {
  format: DatasetFormat;
  ratings: string;
  movies: string;
  tags?: string;
  links?: string;
  genomeScores?: string;
  genomeTags?: string;
}[] = [
  {
    format: 'ml-csv',
    ratings: 'ratings.csv',
    movies: 'movies.csv',
    tags: 'tags.csv',
    links: 'links.csv',
    genomeScores: 'genome-scores.csv',
    genomeTags: 'genome-tags.csv',
  },
  { format: 'ml-dat', ratings: 'ratings.dat', movies: 'movies.dat', tags: 'tags.dat' },
  { format: 'ml-100k', ratings: 'u.data', movies: 'u.item' },
];

/**
 * Finds the dataset among `paths`: the shallowest folder holding a known ratings file (GroupLens
 * zips put everything under one top-level folder such as "ml-25m/"). Throws a DatasetError that
 * lists what was found and what is expected when no layout matches or a required file is missing.
 */
export function detectFormat(source: string, paths: readonly string[]): DetectedFormat {
  const depth = (path: string): number => path.split('/').length;
  const candidates = paths
    .filter((path) => LAYOUTS.some((layout) => baseName(path) === layout.ratings))
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const ratings = candidates[0];
  if (ratings === undefined) {
    const found =
      paths.length === 0
        ? 'no files'
        : paths.slice(0, 12).join(', ') + (paths.length > 12 ? ', …' : '');
    throw new DatasetError(
      source,
      undefined,
      `unknown format: found ${found}; expected ratings.csv + movies.csv (ml-latest, ml-20m/25m/32m), ` +
        'ratings.dat + movies.dat (ml-1m, ml-10m) or u.data + u.item (ml-100k)',
    );
  }
  const folder = ratings.slice(0, ratings.length - baseName(ratings).length);
  const layout = LAYOUTS.find((candidate) => baseName(ratings) === candidate.ratings)!;
  const inFolder = (file: string | undefined): string | undefined =>
    file === undefined ? undefined : paths.find((path) => path === folder + file);
  const movies = inFolder(layout.movies);
  if (movies === undefined) {
    throw new DatasetError(
      source,
      undefined,
      `missing required file ${folder}${layout.movies} (found ${ratings}; ${layout.format} needs ${layout.ratings} and ${layout.movies})`,
    );
  }
  return {
    format: layout.format,
    ratings,
    movies,
    tags: inFolder(layout.tags),
    links: inFolder(layout.links),
    ...genomeFiles(inFolder(layout.genomeScores), inFolder(layout.genomeTags)),
  };
}

/** Scores without their tag names (or names without scores) are no genome: both or neither. */
function genomeFiles(
  scores: string | undefined,
  tags: string | undefined,
): Pick<DetectedFormat, 'genomeScores' | 'genomeTags'> {
  return scores !== undefined && tags !== undefined
    ? { genomeScores: scores, genomeTags: tags }
    : { genomeScores: undefined, genomeTags: undefined };
}
