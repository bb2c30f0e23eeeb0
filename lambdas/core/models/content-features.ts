import type { Movie, Tag } from '../dataset/dataset.ts';

/**
 * What a movie is, independent of who rated it: genres, user tags, release year and, when
 * available, the tag genome (genome-vectors.ts) and TMDB's keywords, cast, directors and original
 * language (tmdb-vectors.ts). Items without ratings have these too, so content similarity covers
 * the whole catalogue. Each group is a sparse or dense L2-normalised vector per item with its
 * own weight in SimilarityParams (docs/models.md has the table: genres 0.5, tags 0.3, year 0.2,
 * genome 0.6, TMDB 0.5, each counted only when the data has the group). The year is the decade
 * feature too: exp(−|Δyear| / 10) already makes films of one decade close. Kernels read typed
 * arrays with `!` (indices in range by construction).
 */
export interface ContentFeatures {
  items: number;
  /** Genre vocabulary, sorted. */
  genres: string[];
  /** items × genres, each row the L2-normalised indicator vector (all zero without genres). */
  genreVectors: Float32Array;
  /** Tag vocabulary (normalised tag text), in first-seen order. */
  tags: string[];
  /**
   * items × (tags + genomeTags + tmdbTerms) CSR, ids ascending within a row: columns below
   * tags.length hold the L2-normalised TF-IDF weights of user tags, the next genomeTags.length
   * the item's genome vector (withGenome), itself L2-normalised, the last the TMDB parts
   * (withTmdb); so each group's dot product is a cosine (TMDB's a weighted sum of its parts').
   */
  tagIndptr: Int32Array;
  tagIndices: Int32Array;
  tagWeights: Float32Array;
  /** Release year, -1 when unknown. */
  years: Int32Array;
  /** Genome tag vocabulary; empty without a genome. */
  genomeTags: string[];
  /** TMDB terms ("keywords:toy", "cast:tom hanks", …); empty without TMDB records. */
  tmdbTerms: string[];
}

/** MovieLens marks a movie without genres with this pseudo-genre: no evidence of likeness. */
const NO_GENRES = '(no genres listed)';

/** Tags differ in case and spacing only ("Pixar", "pixar ") → one term. */
export const normaliseTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Tag weights are TF-IDF (Salton & Buckley 1988, "Term-weighting approaches in automatic text
 * retrieval"): w(i,t) = (1 + ln n(i,t)) · (ln((1 + N) / (1 + df(t))) + 1), with n(i,t) the times
 * tag t was applied to item i, N the number of tagged items and df(t) how many carry t — sublinear
 * so one enthusiastic tagger does not dominate, smoothed so no weight is zero. Rows are
 * L2-normalised, so a dot product of two rows is their cosine.
 */
export function buildContentFeatures(
  movies: readonly Pick<Movie, 'genres' | 'year'>[],
  tags: readonly Pick<Tag, 'item' | 'tag'>[],
): ContentFeatures {
  const items = movies.length;

  const genres = [...new Set(movies.flatMap((m) => m.genres))]
    .filter((g) => g !== NO_GENRES)
    .sort();
  const genreId = new Map(genres.map((g, j) => [g, j]));
  const G = genres.length;
  const genreVectors = new Float32Array(items * G);
  for (let i = 0; i < items; i++) {
    const ids = new Set<number>();
    for (const g of movies[i]!.genres) {
      const j = genreId.get(g);
      if (j !== undefined) ids.add(j);
    }
    const w = 1 / Math.sqrt(ids.size);
    for (const j of ids) genreVectors[i * G + j] = w;
  }

  // Term counts per item: one Map per tagged item only.
  const tagId = new Map<string, number>();
  const counts = new Map<number, Map<number, number>>();
  for (const { item, tag } of tags) {
    if (!(item >= 0 && item < items))
      throw new RangeError(`tag for item ${item} outside 0..${items - 1}`);
    const text = normaliseTag(tag);
    if (text === '') continue;
    let t = tagId.get(text);
    if (t === undefined) tagId.set(text, (t = tagId.size));
    let row = counts.get(item);
    if (row === undefined) counts.set(item, (row = new Map()));
    row.set(t, (row.get(t) ?? 0) + 1);
  }
  const df = new Int32Array(tagId.size);
  let nnz = 0;
  for (const row of counts.values()) {
    for (const t of row.keys()) df[t]!++;
    nnz += row.size;
  }
  const N = counts.size;
  const tagIndptr = new Int32Array(items + 1);
  const tagIndices = new Int32Array(nnz);
  const tagWeights = new Float32Array(nnz);
  let at = 0;
  for (let i = 0; i < items; i++) {
    const row = counts.get(i);
    if (row !== undefined) {
      const ids = [...row.keys()].sort((a, b) => a - b);
      const weights = ids.map(
        (t) => (1 + Math.log(row.get(t)!)) * (Math.log((1 + N) / (1 + df[t]!)) + 1),
      );
      const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
      ids.forEach((t, j) => {
        tagIndices[at + j] = t;
        tagWeights[at + j] = weights[j]! / norm;
      });
      at += ids.length;
    }
    tagIndptr[i + 1] = at;
  }

  const years = Int32Array.from(movies, (m) => m.year ?? -1);
  return {
    items,
    genres,
    genreVectors,
    tags: [...tagId.keys()],
    tagIndptr,
    tagIndices,
    tagWeights,
    years,
    genomeTags: [],
    tmdbTerms: [],
  };
}
