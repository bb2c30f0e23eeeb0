import type { BadRows } from './bad-rows.ts';
import { DatasetError } from './dataset-error.ts';
import type { Movie } from './dataset.ts';
import type { IdIndex } from './id-index.ts';
import { normaliseGenre, parseGenres, parseTitle } from './movie-title.ts';

/** The 19 genre flags of ml-100k's u.item, in file order; "unknown" means no genre. */
const U_ITEM_GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary',
  'Drama', 'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller',
  'War', 'Western',
]; // prettier-ignore

/** A parsed line: its 1-based number and its fields. */
export interface Row {
  line: number;
  fields: string[];
}

/**
 * CSV rows with RFC 4180 quoting: titles such as "American President, The (1995)" carry commas,
 * quotes are doubled inside quotes, a quoted field may span lines; a quote inside an unquoted
 * field is literal (as csv-parse's relax_quotes). CRLF and a BOM are handled. A first row whose
 * first field is not a number is the header. Each row carries its first line's number.
 *
 * Hand-written rather than csv-parse because csv-parse measured ~7 µs per row in bulk and far
 * more per call (2,080 quoted titles of ml-latest-small took 0.3–0.7 s one call each), which
 * would make ml-25m/32m's million-row tags.csv take many seconds; here most lines are split on
 * commas directly and only lines holding a quote take the character loop.
 */
export function csvRows(text: string, file: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split('\n');
  if (lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
  for (let k = 0; k < lines.length; k++) {
    const line = withoutCr(lines[k]!);
    if (line === '') continue;
    if (!line.includes('"')) {
      rows.push({ line: k + 1, fields: line.split(',') });
      continue;
    }
    const first = k;
    const fields: string[] = [];
    let text = line;
    let at = 0;
    for (;;) {
      let field = '';
      if (text.charCodeAt(at) === QUOTE) {
        at++;
        for (;;) {
          const close = text.indexOf('"', at);
          if (close < 0) {
            if (k + 1 >= lines.length) {
              throw new DatasetError(
                file,
                first + 1,
                'malformed CSV: a quoted field is never closed',
              );
            }
            field += text.slice(at) + '\n';
            text = withoutCr(lines[++k]!);
            at = 0;
          } else if (text.charCodeAt(close + 1) === QUOTE) {
            field += text.slice(at, close + 1);
            at = close + 2;
          } else {
            field += text.slice(at, close);
            at = close + 1;
            break;
          }
        }
        if (at < text.length && text.charCodeAt(at) !== COMMA) {
          throw new DatasetError(
            file,
            k + 1,
            `malformed CSV: text after a closing quote at column ${at + 1}`,
          );
        }
      } else {
        const comma = text.indexOf(',', at);
        field = text.slice(at, comma < 0 ? text.length : comma);
        at += field.length;
      }
      fields.push(field);
      if (at >= text.length) break;
      at++; // the comma
    }
    rows.push({ line: first + 1, fields });
  }
  if (rows.length > 0 && !isWhole(rows[0]!.fields[0] ?? '')) rows.shift();
  return rows;
}

const QUOTE = 34;
const COMMA = 44;

const withoutCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Lines split on `delimiter` (u.item: "|", *.dat: "::"); blank lines are dropped. */
export function delimitedRows(text: string, delimiter: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.endsWith('\r') ? lines[k]!.slice(0, -1) : lines[k]!;
    if (line !== '') rows.push({ line: k + 1, fields: line.split(delimiter) });
  }
  return rows;
}

/** movies.csv: movieId,title,genres. */
export function parseMoviesCsv(rows: Row[], file: string, bad: BadRows): Movie[] {
  return collectMovies(rows, file, bad, 3, 'movieId, title, genres', (fields) => ({
    ...parseTitle(fields[1]!),
    genres: parseGenres(fields[2]!),
  }));
}

/** movies.dat (ml-1m, ml-10m): movieId::title::genres. */
export function parseMoviesDat(rows: Row[], file: string, bad: BadRows): Movie[] {
  return collectMovies(rows, file, bad, 3, 'movieId::title::genres', (fields) => ({
    ...parseTitle(fields[1]!),
    genres: parseGenres(fields[2]!),
  }));
}

/**
 * u.item (ml-100k): id|title|release date|video release date|IMDb URL|19 genre flags. The year
 * comes from the title, else from the release date ("01-Jan-1995"); an IMDb id only when the URL
 * holds one ("tt0114709"), which the ml-100k search URLs mostly do not.
 */
export function parseUItem(rows: Row[], file: string, bad: BadRows): Movie[] {
  return collectMovies(
    rows,
    file,
    bad,
    5 + U_ITEM_GENRES.length,
    'id|title|release date|video release date|IMDb URL|19 genre flags',
    (fields) => {
      const { title, year } = parseTitle(fields[1]!);
      const released = /(\d{4})$/.exec(fields[2]!.trim());
      const imdb = /tt(\d+)/.exec(fields[4]!);
      const genres = U_ITEM_GENRES.filter(
        (genre, k) => genre !== 'unknown' && fields[5 + k] === '1',
      ).map(normaliseGenre);
      return {
        title,
        year: year ?? (released === null ? null : Number(released[1])),
        genres,
        imdbId: imdb === null ? null : imdb[1]!,
      };
    },
  );
}

/** links.csv: movieId,imdbId,tmdbId; either id may be empty. Fills the movies in place. */
export function applyLinksCsv(
  rows: Row[],
  file: string,
  movies: Movie[],
  index: IdIndex,
  bad: BadRows,
): void {
  for (const { line, fields } of rows) {
    if (fields.length !== 3) {
      bad.report(
        file,
        line,
        'field-count',
        `expected 3 fields (movieId, imdbId, tmdbId), found ${fields.length}`,
      );
      continue;
    }
    const [movieId, imdbId, tmdbId] = fields as [string, string, string];
    if (!isWhole(movieId)) {
      bad.report(file, line, 'non-numeric', `movieId "${movieId}" is not a whole number`);
      continue;
    }
    const item = index.get(Number(movieId));
    if (item < 0) {
      bad.report(file, line, 'unknown-movie', `movieId ${movieId} is not in the movies file`);
      continue;
    }
    if ((imdbId !== '' && !isWhole(imdbId)) || (tmdbId !== '' && !isWhole(tmdbId))) {
      bad.report(
        file,
        line,
        'non-numeric',
        `imdbId "${imdbId}" / tmdbId "${tmdbId}" are not whole numbers`,
      );
      continue;
    }
    const movie = movies[item]!;
    movie.imdbId = imdbId === '' ? null : imdbId;
    movie.tmdbId = tmdbId === '' ? null : Number(tmdbId);
  }
}

export const isWhole = (text: string): boolean => /^\d{1,15}$/.test(text);

function collectMovies(
  rows: Row[],
  file: string,
  bad: BadRows,
  fieldCount: number,
  layout: string,
  read: (fields: string[]) => Pick<Movie, 'title' | 'year' | 'genres'> & Partial<Movie>,
): Movie[] {
  const movies: Movie[] = [];
  const lineOfId = new Map<number, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== fieldCount) {
      bad.report(
        file,
        line,
        'field-count',
        `expected ${fieldCount} fields (${layout}), found ${fields.length}`,
      );
      continue;
    }
    if (!isWhole(fields[0]!)) {
      bad.report(file, line, 'non-numeric', `movieId "${fields[0]}" is not a whole number`);
      continue;
    }
    const id = Number(fields[0]);
    const earlier = lineOfId.get(id);
    if (earlier !== undefined) {
      bad.report(
        file,
        line,
        'duplicate-movie',
        `movieId ${id} appears twice (lines ${earlier} and ${line})`,
      );
      continue;
    }
    lineOfId.set(id, line);
    movies.push({ id, imdbId: null, tmdbId: null, ...read(fields) });
  }
  if (movies.length === 0) throw new DatasetError(file, undefined, 'no movies (empty file)');
  return movies;
}
