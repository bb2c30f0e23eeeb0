import type { ContentFeatures } from './content-features.ts';
import { normaliseTag } from './content-features.ts';

/** What TMDB adds to a movie's content (from its MovieDetailsRecord). */
export interface TmdbContent {
  keywords: readonly string[];
  cast: readonly string[];
  directors: readonly string[];
  originalLanguage: string | null;
}

/**
 * Shares of the TMDB group's weight (similar-items.ts `tmdbWeight`) among its parts, summing
 * to 1. Keywords describe the story (TMDB's editors' "toy", "heist") and get the most; cast and
 * director are strong but narrower evidence ("same director" rarely means "same kind of film"
 * alone); the original language mostly separates films in other languages from the English
 * majority, so it gets a little.
 */
export const TMDB_PART_SHARES = {
  keywords: 0.4,
  cast: 0.25,
  directors: 0.25,
  language: 0.1,
} as const;

/**
 * Share of the movies TMDB must describe before its group counts. Content similarity is
 * normalised over the groups the catalogue has, so a group that covers only a few films would
 * shrink every other film's content part and favour the few (a first run cut short by its time
 * budget or by TMDB being down, or a test's fake TMDB that knows three films); below this the
 * lists stay as they were without TMDB until a later run fills the cache.
 */
export const TMDB_MIN_COVERAGE = 0.9;

type Part = keyof typeof TMDB_PART_SHARES;
const PARTS: Part[] = ['keywords', 'cast', 'directors', 'language'];

const termsOf = (content: TmdbContent, part: Part): string[] => {
  const list =
    part === 'language'
      ? content.originalLanguage === null
        ? []
        : [content.originalLanguage]
      : content[part];
  return [...new Set(list.map(normaliseTag).filter((t) => t !== ''))];
};

/**
 * Appends TMDB's keywords, cast, directors and original language to the content's sparse rows,
 * after the tag and genome columns (vocabulary in `tmdbTerms`, "part:term"). Per part a movie's
 * vector is the IDF-weighted indicator of its terms, w(t) = ln((1 + N) / (1 + df(t))) + 1 with N
 * the movies TMDB describes (rare keywords and actors tell more than "woman director" or a
 * star in 60 films), L2-normalised and scaled by √(share of the part) (TMDB_PART_SHARES), so the
 * dot product of two movies over these columns is Σ_p share_p · cos_p: 1 when every part is
 * alike, and a part either movie lacks adds 0. Movies without TMDB content keep their rows; with
 * fewer than TMDB_MIN_COVERAGE of the movies described, the features are returned unchanged.
 */
export function withTmdb(
  features: ContentFeatures,
  content: ReadonlyArray<TmdbContent | undefined>,
): ContentFeatures {
  const { items } = features;
  if (content.length !== items)
    throw new RangeError(`TMDB content for ${content.length} items, features for ${items}`);
  const described = content.filter((c) => c !== undefined).length;
  if (described === 0 || described < TMDB_MIN_COVERAGE * items) return features;
  const offset = features.tags.length + features.genomeTags.length;

  const termId = new Map<string, number>();
  const rows: Array<Array<[part: Part, terms: number[]]> | undefined> = content.map((c) =>
    c === undefined
      ? undefined
      : PARTS.map((part) => [
          part,
          termsOf(c, part).map((term) => {
            const key = `${part}:${term}`;
            let id = termId.get(key);
            if (id === undefined) termId.set(key, (id = termId.size));
            return id;
          }),
        ]),
  );
  const df = new Int32Array(termId.size);
  for (const row of rows) {
    for (const [, terms] of row ?? []) for (const t of terms) df[t]!++;
  }
  const idf = Float64Array.from(df, (d) => Math.log((1 + described) / (1 + d)) + 1);

  const indptr = new Int32Array(items + 1);
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < items; i++) {
    for (let n = features.tagIndptr[i]!; n < features.tagIndptr[i + 1]!; n++) {
      indices.push(features.tagIndices[n]!);
      weights.push(features.tagWeights[n]!);
    }
    const entries: Array<[number, number]> = [];
    for (const [part, terms] of rows[i] ?? []) {
      const norm = Math.sqrt(terms.reduce((sum, t) => sum + idf[t]! ** 2, 0));
      const scale = Math.sqrt(TMDB_PART_SHARES[part]) / norm;
      for (const t of terms) entries.push([offset + t, idf[t]! * scale]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [column, weight] of entries) {
      indices.push(column);
      weights.push(weight);
    }
    indptr[i + 1] = indices.length;
  }
  return {
    ...features,
    tagIndptr: indptr,
    tagIndices: Int32Array.from(indices),
    tagWeights: Float32Array.from(weights),
    tmdbTerms: [...termId.keys()],
  };
}
