import type { BadRowReason } from './bad-rows.ts';
import { decodeLatin1 } from './text-encoding.ts';
import { MOVIELENS_LIMITS } from './rating-scale.ts';

/** Raw ids are held in Int32Arrays while loading. */
const MAX_ID = 0x7fffffff;

/** Where parsed rows go: the loader maps ids and stores them, or reports the row as bad. */
export interface RatingRowSink {
  row(user: number, movie: number, rating: number, timestamp: number, line: number): void;
  bad(line: number, reason: BadRowReason, problem: string): void;
}

/**
 * Reads `user<d>movie<d>rating<d>timestamp` lines (u.data: tab, *.dat: "::", *.csv: ",") straight
 * from byte chunks. Hand-written rather than csv-parse because this is the one file that is large
 * (25–32M rows, 650–850 MB in ml-25m/ml-32m): working on bytes avoids decoding to strings (which
 * would also hit V8's ~512 MB string limit) and allocating a record per row, and reaches several
 * million rows per second. Ratings files never quote fields, so no CSV quoting is needed.
 * A first line without any digit is a header and is skipped; blank lines are ignored; a trailing
 * '\r' (CRLF) is dropped. Typed-array reads use `!` (noUncheckedIndexedAccess; indices are in range).
 *
 * Returns the number of lines seen.
 */
export async function scanRatings(
  chunks: AsyncIterable<Uint8Array>,
  delimiter: string,
  sink: RatingRowSink,
  onBytes?: (bytes: number) => void,
): Promise<number> {
  const d0 = delimiter.charCodeAt(0);
  const d1 = delimiter.length > 1 ? delimiter.charCodeAt(1) : -1;
  const width = delimiter.length;
  let line = 0;
  let carry: Uint8Array | undefined;

  const isDelimiter = (b: Uint8Array, i: number, end: number): boolean =>
    i < end && b[i] === d0 && (d1 < 0 || (i + 1 < end && b[i + 1] === d1));

  /**
   * One pass over a well-formed line: ids up to 9 digits, a rating on MovieLens's half-star grid
   * written "4", "4.0" or "4.5" (counted in halves, 1–10 ↔ 0.5–5), a timestamp. Anything else goes
   * to `parseCarefully`, which accepts the rarer spellings ("4.50") and words the errors.
   */
  const parseLine = (b: Uint8Array, start: number, end: number): void => {
    line++;
    if (end > start && b[end - 1] === 13) end--;
    if (end === start) return;
    if (line === 1 && !hasDigit(b, start, end)) return;
    let i = start;
    let c: number;
    let user = 0;
    for (; i < end && (c = b[i]! - 48) >= 0 && c <= 9; i++) user = user * 10 + c;
    if (i === start || i - start > 9 || !isDelimiter(b, i, end))
      return parseCarefully(b, start, end);
    let s = (i += width);
    let movie = 0;
    for (; i < end && (c = b[i]! - 48) >= 0 && c <= 9; i++) movie = movie * 10 + c;
    if (i === s || i - s > 9 || !isDelimiter(b, i, end)) return parseCarefully(b, start, end);
    s = i += width;
    let halves = 0;
    for (; i < end && (c = b[i]! - 48) >= 0 && c <= 9; i++) halves = halves * 10 + c;
    if (i === s || i - s > 1) return parseCarefully(b, start, end);
    halves *= 2;
    if (b[i] === 46) {
      // Only ".0" and ".5" are on the grid; anything else is judged by the careful path.
      if (i + 2 > end || (b[i + 1] !== 48 && b[i + 1] !== 53)) return parseCarefully(b, start, end);
      if (b[i + 1] === 53) halves++;
      i += 2;
    }
    if (halves < 1 || halves > 10 || !isDelimiter(b, i, end)) return parseCarefully(b, start, end);
    s = i += width;
    let timestamp = 0;
    for (; i < end && (c = b[i]! - 48) >= 0 && c <= 9; i++) timestamp = timestamp * 10 + c;
    if (i !== end || i === s || i - s > 10 || timestamp > 0xffffffff)
      return parseCarefully(b, start, end);
    sink.row(user, movie, halves / 2, timestamp, line);
  };

  const parseCarefully = (b: Uint8Array, start: number, end: number): void => {
    const bounds: number[] = [];
    for (let i = start, fieldStart = start; i <= end; i++) {
      if (i === end || isDelimiter(b, i, end)) {
        bounds.push(fieldStart, i);
        fieldStart = i + width;
        i += width - 1;
      }
    }
    if (bounds.length !== 8) {
      sink.bad(
        line,
        'field-count',
        `expected 4 fields (user, movie, rating, timestamp) separated by "${printable(delimiter)}", found ${bounds.length / 2}`,
      );
      return;
    }
    const [s1, e1, s2, e2, s3, e3, s4, e4] = bounds as [number, number, number, number, number, number, number, number]; // prettier-ignore
    const user = parseWhole(b, s1, e1);
    if (user < 0) return notNumber(b, 'userId', s1, e1);
    const movie = parseWhole(b, s2, e2);
    if (movie < 0) return notNumber(b, 'movieId', s2, e2);
    if (user > MAX_ID || movie > MAX_ID) {
      sink.bad(line, 'out-of-range', `ids above ${MAX_ID} are not supported`);
      return;
    }
    const rating = parseDecimal(b, s3, e3);
    if (Number.isNaN(rating)) return notNumber(b, 'rating', s3, e3);
    if (rating < MOVIELENS_LIMITS.min || rating > MOVIELENS_LIMITS.max) {
      sink.bad(
        line,
        'out-of-range',
        `rating "${text(b, s3, e3)}" is out of range ${MOVIELENS_LIMITS.min}–${MOVIELENS_LIMITS.max}`,
      );
      return;
    }
    if (!Number.isInteger(rating / MOVIELENS_LIMITS.step)) {
      sink.bad(
        line,
        'out-of-range',
        `rating "${text(b, s3, e3)}" is not a multiple of ${MOVIELENS_LIMITS.step}`,
      );
      return;
    }
    const timestamp = parseWhole(b, s4, e4);
    if (timestamp < 0) return notNumber(b, 'timestamp', s4, e4);
    if (timestamp > 0xffffffff) {
      sink.bad(line, 'out-of-range', `timestamp "${text(b, s4, e4)}" is out of range`);
      return;
    }
    sink.row(user, movie, rating, timestamp, line);
  };

  const notNumber = (b: Uint8Array, field: string, start: number, end: number): void =>
    sink.bad(
      line,
      'non-numeric',
      `${field} "${text(b, start, end)}" is not a ${field === 'rating' ? 'number' : 'whole number'}`,
    );

  for await (const chunk of chunks) {
    onBytes?.(chunk.length);
    let start = 0;
    if (carry !== undefined) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        carry = concat(carry, chunk);
        continue;
      }
      const joined = concat(carry, chunk.subarray(0, newline));
      parseLine(joined, 0, joined.length);
      carry = undefined;
      start = newline + 1;
    }
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      parseLine(chunk, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) carry = chunk.slice(start);
  }
  if (carry !== undefined) parseLine(carry, 0, carry.length);
  return line;
}

/** A non-negative integer, or -1 when the field is empty, has a non-digit or is too long. */
function parseWhole(b: Uint8Array, start: number, end: number): number {
  if (end === start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = b[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A decimal like "4", "3.5" or "4.0"; NaN for anything else. */
function parseDecimal(b: Uint8Array, start: number, end: number): number {
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c === 46 && scale === 0) {
      scale = 1;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9 || ++digits > 15) return NaN;
    value = value * 10 + digit;
    if (scale !== 0) scale *= 10;
  }
  if (digits === 0) return NaN;
  return scale === 0 ? value : value / scale;
}

function hasDigit(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i]! >= 48 && b[i]! <= 57) return true;
  return false;
}

const text = (b: Uint8Array, start: number, end: number): string =>
  decodeLatin1(b.subarray(start, Math.min(end, start + 40)));

const printable = (delimiter: string): string => (delimiter === '\t' ? '\\t' : delimiter);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
