import type { BadRows } from './bad-rows.ts';
import type { Tag } from './dataset.ts';
import type { IdIndex } from './id-index.ts';
import { isWhole, type Row } from './movielens-movies.ts';

/**
 * Tags from tags.csv (userId,movieId,tag,timestamp; tags may be quoted) or tags.dat
 * (userId::movieId::tag::timestamp; a tag may itself contain "::", so the tag is everything
 * between the second and the last separator). Taggers who never rated get user -1.
 */
export function parseTags(
  rows: Row[],
  file: string,
  format: 'csv' | 'dat',
  movies: IdIndex,
  users: IdIndex,
  bad: BadRows,
): Tag[] {
  const tags: Tag[] = [];
  for (const { line, fields: raw } of rows) {
    const fields =
      format === 'dat' && raw.length > 4
        ? [raw[0]!, raw[1]!, raw.slice(2, -1).join('::'), raw[raw.length - 1]!]
        : raw;
    if (fields.length !== 4) {
      bad.report(
        file,
        line,
        'field-count',
        `expected 4 fields (userId, movieId, tag, timestamp), found ${fields.length}`,
      );
      continue;
    }
    const [userId, movieId, tag, timestamp] = fields as [string, string, string, string];
    const bogus = [
      ['userId', userId],
      ['movieId', movieId],
      ['timestamp', timestamp],
    ].find(([, value]) => !isWhole(value!));
    if (bogus !== undefined) {
      bad.report(file, line, 'non-numeric', `${bogus[0]} "${bogus[1]}" is not a whole number`);
      continue;
    }
    const item = movies.get(Number(movieId));
    if (item < 0) {
      bad.report(file, line, 'unknown-movie', `movieId ${movieId} is not in the movies file`);
      continue;
    }
    tags.push({ user: users.get(Number(userId)), item, tag, timestamp: Number(timestamp) });
  }
  return tags;
}
