import type { BadRows } from './bad-rows.ts';
import { DatasetError } from './dataset-error.ts';
import type { Genome } from './dataset.ts';
import type { IdIndex } from './id-index.ts';
import { isWhole, type Row } from './movielens-movies.ts';

/** The genome tags of genome-tags.csv (tagId,tag), indexed in ascending tagId order. */
export interface GenomeTags {
  tags: string[];
  /** Raw tagId → genome tag index. */
  indexOf: Map<number, number>;
}

export function parseGenomeTags(rows: Row[], file: string, bad: BadRows): GenomeTags {
  const byId = new Map<number, string>();
  const lineOf = new Map<number, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== 2) {
      bad.report(
        file,
        line,
        'field-count',
        `expected 2 fields (tagId, tag), found ${fields.length}`,
      );
      continue;
    }
    const [tagId, tag] = fields as [string, string];
    if (!isWhole(tagId)) {
      bad.report(file, line, 'non-numeric', `tagId "${tagId}" is not a whole number`);
      continue;
    }
    const id = Number(tagId);
    if (byId.has(id)) {
      throw new DatasetError(file, line, `duplicate tagId ${id} (also on line ${lineOf.get(id)})`);
    }
    byId.set(id, tag);
    lineOf.set(id, line);
  }
  const ids = [...byId.keys()].sort((a, b) => a - b);
  return { tags: ids.map((id) => byId.get(id)!), indexOf: new Map(ids.map((id, j) => [id, j])) };
}

/** A relevance: a plain decimal (MovieLens writes e.g. "0.028749999999999998"). */
const DECIMAL = /^\d{1,3}(\.\d{1,20})?$/;

/**
 * Streams genome-scores.csv (movieId,tagId,relevance with a header; 15.6 M lines, ~400 MB for
 * ml-25m, so never one string) into a Genome. Rows problems go to `bad` with their line: a
 * relevance outside [0, 1], a tagId not in genome-tags.csv, a movieId not in the movies file.
 */
export async function scanGenomeScores(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  genomeTags: GenomeTags,
  movies: IdIndex,
  bad: BadRows,
): Promise<Genome> {
  const T = genomeTags.tags.length;
  const rows = new Map<number, Float32Array>();
  let line = 0;
  const readLine = (text: string): void => {
    line++;
    const row = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (row === '' || (line === 1 && !/^\d/.test(row))) return;
    const fields = row.split(',');
    if (fields.length !== 3) {
      bad.report(
        file,
        line,
        'field-count',
        `expected 3 fields (movieId, tagId, relevance), found ${fields.length}`,
      );
      return;
    }
    const [movieId, tagId, relevance] = fields as [string, string, string];
    if (!isWhole(movieId) || !isWhole(tagId) || !DECIMAL.test(relevance)) {
      bad.report(file, line, 'non-numeric', `"${row}" is not movieId,tagId,relevance numbers`);
      return;
    }
    const value = Number(relevance);
    if (value > 1) {
      bad.report(file, line, 'out-of-range', `relevance ${relevance} is outside 0–1`);
      return;
    }
    const t = genomeTags.indexOf.get(Number(tagId));
    if (t === undefined) {
      bad.report(file, line, 'out-of-range', `tagId ${tagId} is not in the genome tags file`);
      return;
    }
    const item = movies.get(Number(movieId));
    if (item < 0) {
      bad.report(file, line, 'unknown-movie', `movieId ${movieId} is not in the movies file`);
      return;
    }
    let scores = rows.get(item);
    if (scores === undefined) rows.set(item, (scores = new Float32Array(T)));
    scores[t] = value;
  };

  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const text of lines) readLine(text);
  }
  rest += decoder.decode();
  if (rest !== '') readLine(rest);

  const items = Int32Array.from([...rows.keys()].sort((a, b) => a - b));
  const relevance = new Float32Array(items.length * T);
  items.forEach((item, r) => relevance.set(rows.get(item)!, r * T));
  return { tags: genomeTags.tags, items, relevance };
}
