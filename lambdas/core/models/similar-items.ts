import type { OnProgress } from '../progress.ts';
import type { ModelArtifact } from './artifact.ts';
import { artifactFloat32, artifactInt32 } from './artifact-arrays.ts';
import type { ContentFeatures } from './content-features.ts';
import { topN } from './top-n.ts';
import { dotBlock4 } from '../linalg/dot-block.ts';
import type { ScoringKernel } from '../scoring/block-scorer.ts';
import { wasmBlockScorer } from '../scoring/wasm-block-scorer.ts';

/**
 * Similar items ("more like this"): learned item factors carry who-watched-what, content (genres,
 * tags, year) covers items nobody rated yet. Numeric kernels read typed arrays with `!` (indices
 * are in range by construction).
 */
export interface SimilarityParams {
  /** w: share of the latent cosine in the blend, the rest is content. */
  blend: number;
  /** β in the latent confidence c_i = n_i / (n_i + β), n_i the item's training ratings. */
  confidenceShrink: number;
  /** Relative weights of the content parts (normalised to sum 1). */
  genreWeight: number;
  tagWeight: number;
  yearWeight: number;
  /** Counted only when the content has a tag genome, so releases without one are unaffected. */
  genomeWeight: number;
  /** TMDB's keywords, cast, directors and language; counted only when the content has them
   * (withTmdb adds them once TMDB describes 90 % of the movies). */
  tmdbWeight: number;
  /** τ in the year proximity exp(−|Δyear| / τ), in years. */
  yearScale: number;
}

/**
 * Chosen on ml-latest-small by reading the neighbour lists of well-known films (Toy Story → Toy
 * Story 2, Fellowship of the Ring → The Two Towers, Empire Strikes Back → A New Hope) with both
 * biased-MF and PureSVD factors. Latent cosines of good neighbours are 0.3–0.7 while same-genre
 * films have genre cosine 1, so w = 0.7 keeps content from drowning the co-rating signal; w = 0
 * fills lists with obscure same-genre films, w = 1 with popular but unrelated ones. β = 10 is
 * about the mean ratings per item there; τ = 10 years treats a decade apart as e⁻¹ as close.
 * The genome weight 0.6 (of 1.6 with a genome: genome 37.5 %, genres 31 %, tags 19 %, year
 * 12.5 %) makes the genome, 1,128 curated tag relevances per film, the largest content part: on
 * the genome fixture it is what brings a film's genome neighbours to the top of its list, while
 * genres still separate films the genome does not cover (docs/models.md, "Content similarity").
 * TMDB's weight 0.5 (without a genome 0.5 of 1.5: a third, as much as genres; keywords, cast,
 * directors and language share it 0.4/0.25/0.25/0.1, tmdb-vectors.ts) gives its curated
 * keywords and credits as much say as the genres: they lift a film's sequel and its director's
 * other films above films that only share its genres and decade
 * (test/unit/core/models/tmdb-similarity.test.ts).
 */
export const DEFAULT_SIMILARITY_PARAMS: Readonly<SimilarityParams> = Object.freeze({
  blend: 0.7,
  confidenceShrink: 10,
  genreWeight: 0.5,
  tagWeight: 0.3,
  yearWeight: 0.2,
  genomeWeight: 0.6,
  tmdbWeight: 0.5,
  yearScale: 10,
});

export interface SimilarityInput {
  /** items × k, row-major, from any factor model; null for content only. */
  itemFactors: Float32Array | null;
  k: number;
  content: ContentFeatures | null;
  /** Training ratings per item; without it every item with a non-zero factor row has confidence 1. */
  itemCounts?: Int32Array;
}

/**
 * Everything pre-scaled so that the blended similarity of items a and b is one dense dot product
 * plus a sparse tag dot product plus a year-kernel lookup.
 */
export interface SimilarityIndex {
  items: number;
  params: SimilarityParams;
  /** items × dim: [√w·c_i·q̂_i, √((1−w)·α_g)·ĝ_i]. */
  dense: Float32Array;
  dim: number;
  /** Columns [0, latentDim) of `dense` are the latent part, the rest genres. */
  latentDim: number;
  /**
   * items × (tags + genome tags + TMDB terms) CSR (ContentFeatures'): user tags scaled by
   * √((1−w)·α_t), genome tags by √((1−w)·α_n), TMDB terms by √((1−w)·α_m); the column ranges are
   * disjoint, so one sparse dot product is the sum of the weighted cosines.
   */
  tagIndptr: Int32Array;
  tagIndices: Int32Array;
  tagWeights: Float32Array;
  /** The same, transposed (tag → items), for scoring one item against all. */
  postingIndptr: Int32Array;
  postingItems: Int32Array;
  postingWeights: Float32Array;
  /** Release year or -1. */
  years: Int32Array;
  /** (1−w)·α_y·exp(−d/τ) for d = 0, 1, … up to the widest year gap. */
  yearKernel: Float32Array;
}

/**
 * sim(a, b) = w · c_a c_b · cos(q_a, q_b) + (1 − w) · content(a, b), with
 * content(a, b) = α_g cos(genres) + α_t cos(TF-IDF tags) + α_y exp(−|year_a − year_b| / τ)
 *   + α_n cos(genome) + α_m Σ_p share_p cos_p(TMDB part p), the α the weights normalised to sum
 *   1 over the groups the content has (α_n = 0 without a genome, α_m = 0 without TMDB).
 * A part an item lacks (no factors, tags or year) contributes 0: absence is no evidence of
 * likeness, so a film nobody rated still gets content neighbours without outranking films whose
 * co-ratings say they are alike. c_i = n_i/(n_i + β) shrinks the cosine of thinly rated items,
 * whose factors are mostly regularisation noise (the shrinkage of Koren 2008, "Factorization
 * meets the neighborhood", §2.2, applied per item). The content parts are cosines of
 * L2-normalised vectors (Lops, de Gemmis & Semeraro 2011, "Content-based recommender systems").
 */
export function createSimilarityIndex(
  input: SimilarityInput,
  params: Partial<SimilarityParams> = {},
): SimilarityIndex {
  const p: SimilarityParams = { ...DEFAULT_SIMILARITY_PARAMS, ...params };
  checkParams(p);
  const { itemFactors, k, content } = input;
  if (itemFactors === null && content === null)
    throw new Error('similar items need factors, content or both');
  const items = itemFactors !== null ? itemFactors.length / k : content!.items;
  if (itemFactors !== null && !(Number.isInteger(items) && k >= 1)) {
    throw new RangeError(`itemFactors length ${itemFactors.length} is not items × k (k = ${k})`);
  }
  if (content !== null && content.items !== items) {
    throw new RangeError(`content describes ${content.items} items, factors ${items}`);
  }
  if (input.itemCounts !== undefined && input.itemCounts.length !== items) {
    throw new RangeError(`itemCounts has ${input.itemCounts.length} entries, expected ${items}`);
  }
  const genomeWeight = content !== null && content.genomeTags.length > 0 ? p.genomeWeight : 0;
  const tmdbWeight = content !== null && content.tmdbTerms.length > 0 ? p.tmdbWeight : 0;
  const mix = p.genreWeight + p.tagWeight + p.yearWeight + genomeWeight + tmdbWeight;
  const contentShare = content === null || mix === 0 ? 0 : 1 - p.blend;
  const alphaG = contentShare === 0 ? 0 : (contentShare * p.genreWeight) / mix;
  const alphaT = contentShare === 0 ? 0 : (contentShare * p.tagWeight) / mix;
  const alphaY = contentShare === 0 ? 0 : (contentShare * p.yearWeight) / mix;
  const alphaN = contentShare === 0 ? 0 : (contentShare * genomeWeight) / mix;
  const alphaM = contentShare === 0 ? 0 : (contentShare * tmdbWeight) / mix;

  const latentDim = itemFactors === null || p.blend === 0 ? 0 : k;
  const G = alphaG > 0 ? content!.genres.length : 0;
  const dim = latentDim + G;
  const dense = new Float32Array(items * dim);
  const sqrtW = Math.sqrt(p.blend);
  for (let i = 0; i < items && latentDim > 0; i++) {
    let norm = 0;
    for (let f = 0; f < k; f++) norm += itemFactors![i * k + f]! ** 2;
    if (norm === 0) continue;
    const n = input.itemCounts?.[i];
    const confidence = n === undefined ? 1 : n / (n + p.confidenceShrink);
    const scale = (sqrtW * confidence) / Math.sqrt(norm);
    for (let f = 0; f < k; f++) dense[i * dim + f] = itemFactors![i * k + f]! * scale;
  }
  const sqrtG = Math.sqrt(alphaG);
  for (let i = 0; i < items && G > 0; i++) {
    for (let g = 0; g < G; g++)
      dense[i * dim + latentDim + g] = content!.genreVectors[i * G + g]! * sqrtG;
  }

  const tagCount = content?.tags.length ?? 0;
  const genomeEnd = tagCount + (content?.genomeTags.length ?? 0);
  const sqrtT = Math.sqrt(alphaT);
  const sqrtN = Math.sqrt(alphaN);
  const sqrtM = Math.sqrt(alphaM);
  const columnScale = (column: number): number =>
    column < tagCount ? sqrtT : column < genomeEnd ? sqrtN : sqrtM;
  const tags =
    alphaT > 0 || alphaN > 0 || alphaM > 0
      ? {
          indptr: content!.tagIndptr,
          indices: content!.tagIndices,
          weights: content!.tagWeights.map((v, n) => v * columnScale(content!.tagIndices[n]!)),
        }
      : {
          indptr: new Int32Array(items + 1),
          indices: new Int32Array(0),
          weights: new Float32Array(0),
        };
  const postings = transpose(tags, items, genomeEnd + (content?.tmdbTerms.length ?? 0));

  const years = content?.years ?? new Int32Array(items).fill(-1);
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (let i = 0; i < items; i++) {
    if (years[i]! < 0) continue;
    minYear = Math.min(minYear, years[i]!);
    maxYear = Math.max(maxYear, years[i]!);
  }
  const span = alphaY > 0 && maxYear >= minYear ? maxYear - minYear + 1 : 0;
  const yearKernel = Float32Array.from(
    { length: span },
    (_, d) => alphaY * Math.exp(-d / p.yearScale),
  );

  return {
    items,
    params: p,
    dense,
    dim,
    latentDim,
    tagIndptr: tags.indptr,
    tagIndices: tags.indices,
    tagWeights: tags.weights,
    postingIndptr: postings.indptr,
    postingItems: postings.indices,
    postingWeights: postings.weights,
    years,
    yearKernel,
  };
}

function checkParams(p: SimilarityParams): void {
  if (!(p.blend >= 0 && p.blend <= 1))
    throw new RangeError(`blend must be in [0, 1], got ${p.blend}`);
  const weights = [
    'confidenceShrink',
    'genreWeight',
    'tagWeight',
    'yearWeight',
    'genomeWeight',
    'tmdbWeight',
  ] as const;
  for (const name of weights) {
    if (!(p[name] >= 0 && Number.isFinite(p[name])))
      throw new RangeError(`${name} must be ≥ 0, got ${p[name]}`);
  }
  if (!(p.yearScale > 0)) throw new RangeError(`yearScale must be > 0, got ${p.yearScale}`);
}

interface Csr {
  indptr: Int32Array;
  indices: Int32Array;
  weights: Float32Array;
}

function transpose(m: Csr, rows: number, cols: number): Csr {
  const nnz = m.indices.length;
  const indptr = new Int32Array(cols + 1);
  for (let n = 0; n < nnz; n++) indptr[m.indices[n]! + 1]!++;
  for (let c = 0; c < cols; c++) indptr[c + 1]! += indptr[c]!;
  const fill = indptr.slice(0, cols);
  const indices = new Int32Array(nnz);
  const weights = new Float32Array(nnz);
  for (let r = 0; r < rows; r++) {
    for (let n = m.indptr[r]!; n < m.indptr[r + 1]!; n++) {
      const at = fill[m.indices[n]!]!++;
      indices[at] = r;
      weights[at] = m.weights[n]!;
    }
  }
  return { indptr, indices, weights };
}

/** The blended similarity of two items (symmetric; an item with itself is at most 1). */
export function itemSimilarity(index: SimilarityIndex, a: number, b: number): number {
  const { dense, dim, tagIndptr, tagIndices, tagWeights, years, yearKernel } = index;
  let s = 0;
  for (let d = 0; d < dim; d++) s += dense[a * dim + d]! * dense[b * dim + d]!;
  let x = tagIndptr[a]!;
  let y = tagIndptr[b]!;
  const xEnd = tagIndptr[a + 1]!;
  const yEnd = tagIndptr[b + 1]!;
  while (x < xEnd && y < yEnd) {
    const tx = tagIndices[x]!;
    const ty = tagIndices[y]!;
    if (tx === ty) s += tagWeights[x++]! * tagWeights[y++]!;
    else if (tx < ty) x++;
    else y++;
  }
  const ya = years[a]!;
  const yb = years[b]!;
  if (ya >= 0 && yb >= 0 && yearKernel.length > 0) s += yearKernel[Math.abs(ya - yb)]!;
  return s;
}

/** Queries scored together, so each item row is read once per block; a multiple of 4. */
const QUERY_BLOCK = 16;

/**
 * Dense dot products of queries [first, first + block) with rows [from, items), into out (row b
 * of the block at b·items; columns before `from` are left as they were). Rows past `block` (up
 * to the next multiple of 4) are scratch: out must hold ⌈block/4⌉·4 rows.
 */
function denseBlock(
  index: SimilarityIndex,
  first: number,
  block: number,
  from: number,
  out: Float32Array,
): void {
  const { items: n, dense: X, dim } = index;
  const last = first + block - 1;
  for (let b0 = 0; b0 < block; b0 += 4) {
    const row = (b: number) => Math.min(first + b0 + b, last) * dim;
    const r0 = b0 * n;
    // prettier-ignore
    dotBlock4(X, row(0), row(1), row(2), row(3), X, from, n, dim, out, r0, r0 + n, r0 + 2 * n, r0 + 3 * n);
  }
}

/** `denseBlock`'s contract, bound to an index. */
type DenseBlock = (first: number, block: number, from: number, out: Float32Array) => void;

/**
 * `denseBlock` on the WebAssembly scoring kernel (kernels/score-panels.ts), the items' dense rows
 * standing for both the users and the items of a factor model: the same products summed in f32
 * (the reference sums in f64 and rounds once), about 7× faster on the whole row than the
 * TypeScript loop on the triangle it needs. No rows (dim 0): the reference, which writes zeros.
 */
function kernelDenseBlock(index: SimilarityIndex, kernel: ScoringKernel): DenseBlock {
  const reference: DenseBlock = (first, block, from, out) =>
    denseBlock(index, first, block, from, out);
  if (kernel === 'typescript' || index.dim === 0) return reference;
  const { items: n, dense, dim } = index;
  const scorer = wasmBlockScorer({
    users: n,
    items: n,
    factors: dim,
    userFactors: dense,
    itemFactors: dense,
    itemBias: null,
    exclude: { indptr: new Int32Array(n + 1), indices: new Int32Array(0) },
    k: 0,
  });
  return (first, block, from, out) => {
    for (let b0 = 0; b0 < block; b0 += scorer.block) {
      const count = Math.min(scorer.block, block - b0);
      const scores = scorer.score(first + b0, count);
      for (let b = 0; b < count; b++) {
        const row = b * scorer.stride;
        out.set(scores.subarray(row + from, row + n), (b0 + b) * n + from);
      }
    }
  };
}

/** Similarities of items [first, first + block) to items [from, items), into out (see denseBlock). */
function scoreBlock(
  index: SimilarityIndex,
  first: number,
  block: number,
  from: number,
  out: Float32Array,
  dense: DenseBlock = (f, b, j, o) => denseBlock(index, f, b, j, o),
): void {
  const { items: n, tagIndptr, tagIndices, tagWeights, years, yearKernel } = index;
  const { postingIndptr, postingItems, postingWeights } = index;
  dense(first, block, from, out);
  for (let b = 0; b < block; b++) {
    const q = first + b;
    const row = b * n;
    const yq = years[q]!;
    if (yq >= 0 && yearKernel.length > 0) {
      for (let j = from; j < n; j++) {
        const yj = years[j]!;
        if (yj >= 0) out[row + j]! += yearKernel[Math.abs(yq - yj)]!;
      }
    }
    for (let x = tagIndptr[q]!; x < tagIndptr[q + 1]!; x++) {
      const t = tagIndices[x]!;
      const wq = tagWeights[x]!;
      for (let y = postingIndptr[t]!; y < postingIndptr[t + 1]!; y++) {
        const j = postingItems[y]!;
        if (j >= from) out[row + j]! += wq * postingWeights[y]!;
      }
    }
  }
}

/** Only a positive similarity makes a neighbour, and an item is not its own neighbour. */
function maskNonNeighbours(row: Float32Array, self: number): void {
  for (let j = 0; j < row.length; j++) if (!(row[j]! > 0)) row[j] = -Infinity;
  row[self] = -Infinity;
}

export interface SimilarItems {
  /** Best first. */
  items: Int32Array;
  scores: Float32Array;
}

function checkItem(index: SimilarityIndex, item: number): void {
  if (!(Number.isInteger(item) && item >= 0 && item < index.items)) {
    throw new RangeError(`item ${item} outside 0..${index.items - 1}`);
  }
}

/** The `limit` items most similar to `item` (fewer if fewer have a positive similarity). */
export function similarItems(index: SimilarityIndex, item: number, limit: number): SimilarItems {
  checkItem(index, item);
  const scores = new Float32Array(4 * index.items);
  scoreBlock(index, item, 1, 0, scores);
  const row = scores.subarray(0, index.items);
  maskNonNeighbours(row, item);
  return topN(row, limit);
}

/**
 * The similarity of `item` to every item as an index built with blend `alpha` would score it,
 * from this index without rebuilding it: its latent part rescaled by alpha / w and its content
 * part by (1 − alpha) / (1 − w), w the index's own blend. With `content` (the version's
 * content-neighbour table, content-neighbours.ts) the content part is instead (1 − alpha) times
 * its stored score, over every content group the version was trained with; an item outside
 * `item`'s stored neighbours gets content 0. A part the index was built without (w = 0: no
 * latent; w = 1 and no table: no content) contributes 0. O(items · (dim + tags per item)).
 */
export function similarityRow(
  index: SimilarityIndex,
  item: number,
  alpha: number,
  out: Float32Array,
  content?: SimilarItemsTable,
): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  const { dense, dim, latentDim } = index;
  const w = index.params.blend;
  const latentScale = w > 0 ? alpha / w : 0;
  const contentScale = content === undefined && w < 1 ? (1 - alpha) / (1 - w) : 0;
  for (let j = 0; j < index.items; j++) {
    // The similarity at the index's own blend, less its latent part, is the content part.
    let latent = 0;
    for (let d = 0; d < latentDim; d++) latent += dense[item * dim + d]! * dense[j * dim + d]!;
    out[j] = latentScale * latent;
    if (contentScale > 0) out[j]! += contentScale * (itemSimilarity(index, item, j) - latent);
  }
  if (content === undefined) return;
  const { limit } = content;
  for (let r = item * limit; r < (item + 1) * limit && content.items[r]! >= 0; r++) {
    out[content.items[r]!]! += (1 - alpha) * content.scores[r]!;
  }
}

/**
 * The content part of `similarityRow` (alpha = 0) for one pair: `similarityRow(index, item, 0,
 * row, content)[other]` without scoring the whole row. O(dim + tags), or O(limit) with `content`.
 */
export function contentSimilarity(
  index: SimilarityIndex,
  item: number,
  other: number,
  content?: SimilarItemsTable,
): number {
  if (content !== undefined) {
    const { limit } = content;
    for (let r = item * limit; r < (item + 1) * limit && content.items[r]! >= 0; r++) {
      if (content.items[r] === other) return content.scores[r]!;
    }
    return 0;
  }
  const w = index.params.blend;
  if (!(w < 1)) return 0;
  const { dense, dim, latentDim } = index;
  let latent = 0;
  for (let d = 0; d < latentDim; d++) latent += dense[item * dim + d]! * dense[other * dim + d]!;
  return (itemSimilarity(index, item, other) - latent) / (1 - w);
}

/** `similarItems` at another blend (see similarityRow), computed live for one item. */
export function reblendedSimilarItems(
  index: SimilarityIndex,
  item: number,
  limit: number,
  alpha: number,
  content?: SimilarItemsTable,
): SimilarItems {
  checkItem(index, item);
  const row = new Float32Array(index.items);
  similarityRow(index, item, alpha, row, content);
  maskNonNeighbours(row, item);
  return topN(row, limit);
}

/** Every item's neighbours: items × limit, best first; missing slots hold item -1, score 0. */
export interface SimilarItemsTable {
  limit: number;
  items: Int32Array;
  scores: Float32Array;
}

/** An empty table for `items` items (slots: item -1, score 0). */
export function createSimilarItemsTable(items: number, limit: number): SimilarItemsTable {
  return {
    limit,
    items: new Int32Array(items * limit).fill(-1),
    scores: new Float32Array(items * limit),
  };
}

/**
 * Fills the neighbours of items [start, end) into `table`, so workers can share the rows of one
 * table between them. O((end − start) · items · dim) time, O(8 · items) scratch.
 */
export function fillSimilarItems(
  index: SimilarityIndex,
  table: SimilarItemsTable,
  start: number,
  end: number,
  onProgress?: OnProgress,
): void {
  const n = index.items;
  const { limit } = table;
  const scratch = new Float32Array(QUERY_BLOCK * n);
  for (let first = start; first < end; first += QUERY_BLOCK) {
    const block = Math.min(QUERY_BLOCK, end - first);
    scoreBlock(index, first, block, 0, scratch);
    for (let b = 0; b < block; b++) {
      const row = scratch.subarray(b * n, (b + 1) * n);
      maskNonNeighbours(row, first + b);
      const top = topN(row, limit);
      table.items.set(top.items, (first + b) * limit);
      table.scores.set(top.scores, (first + b) * limit);
    }
    onProgress?.({ step: 'similar items', done: first + block - start, total: end - start });
  }
}

/**
 * `similarItems` for every item, as one items × limit table, in half the work of filling it row
 * by row: the similarity is symmetric, so each pair is scored once (the upper triangle, in
 * blocks) and offered to the bounded heaps of both items. Same lists as `similarItems` with the
 * TypeScript kernel; the default WebAssembly one sums the factor part in f32, which can reorder
 * neighbours whose similarities agree to about 1e-6.
 */
export function allSimilarItems(
  index: SimilarityIndex,
  limit: number,
  options: { onProgress?: OnProgress; kernel?: ScoringKernel } = {},
): SimilarItemsTable {
  const n = index.items;
  const table = createSimilarItemsTable(n, limit);
  if (limit === 0) return table;
  const heaps = new NeighbourHeaps(table);
  const scratch = new Float32Array(QUERY_BLOCK * n);
  const dense = kernelDenseBlock(index, options.kernel ?? 'wasm');
  for (let first = 0; first < n; first += QUERY_BLOCK) {
    const block = Math.min(QUERY_BLOCK, n - first);
    scoreBlock(index, first, block, first, scratch, dense);
    for (let b = 0; b < block; b++) {
      const q = first + b;
      const row = b * n;
      for (let j = q + 1; j < n; j++) {
        const s = scratch[row + j]!;
        if (s > 0) {
          heaps.offer(q, j, s);
          heaps.offer(j, q, s);
        }
      }
    }
    // Work done grows with the triangle, not the row count.
    const rest = n - first - block;
    options.onProgress?.({ step: 'similar items', done: n * n - rest * rest, total: n * n });
  }
  heaps.sortAll();
  return table;
}

/**
 * One bounded min-heap per item, kept in the table's own rows: the root is the worst kept
 * neighbour (lowest score, then highest index), so an offer is usually one comparison.
 */
class NeighbourHeaps {
  private readonly sizes: Int32Array;

  constructor(private readonly table: SimilarItemsTable) {
    this.sizes = new Int32Array(table.items.length / table.limit);
  }

  offer(owner: number, item: number, s: number): void {
    const { limit, items, scores } = this.table;
    const base = owner * limit;
    const size = this.sizes[owner]!;
    if (size < limit) {
      let at = size;
      this.sizes[owner] = size + 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(s, item, scores[base + parent]!, items[base + parent]!)) break;
        scores[base + at] = scores[base + parent]!;
        items[base + at] = items[base + parent]!;
        at = parent;
      }
      scores[base + at] = s;
      items[base + at] = item;
    } else if (worse(scores[base]!, items[base]!, s, item)) {
      this.siftDown(base, limit, s, item);
    }
  }

  /** Turns every heap into a best-first list (pop the worst into the tail). */
  sortAll(): void {
    const { limit, items, scores } = this.table;
    for (let owner = 0; owner < this.sizes.length; owner++) {
      const base = owner * limit;
      for (let end = this.sizes[owner]! - 1; end > 0; end--) {
        const worstScore = scores[base]!;
        const worstItem = items[base]!;
        this.siftDown(base, end, scores[base + end]!, items[base + end]!);
        scores[base + end] = worstScore;
        items[base + end] = worstItem;
      }
    }
  }

  /** Places (s, item) at the root of the heap of `size` entries at `base` and restores order. */
  private siftDown(base: number, size: number, s: number, item: number): void {
    const { items, scores } = this.table;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      let child = left;
      const right = left + 1;
      if (
        right < size &&
        worse(
          scores[base + right]!,
          items[base + right]!,
          scores[base + left]!,
          items[base + left]!,
        )
      ) {
        child = right;
      }
      if (!worse(scores[base + child]!, items[base + child]!, s, item)) break;
      scores[base + at] = scores[base + child]!;
      items[base + at] = items[base + child]!;
      at = child;
    }
    scores[base + at] = s;
    items[base + at] = item;
  }
}

/** (sa, ia) ranks below (sb, ib): lower score, or the same score and a higher index. */
const worse = (sa: number, ia: number, sb: number, ib: number): boolean =>
  sa < sb || (sa === sb && ia > ib);

/** The stored neighbours of one item. */
export function neighboursOf(table: SimilarItemsTable, item: number): SimilarItems {
  const row = table.items.subarray(item * table.limit, (item + 1) * table.limit);
  let count = row.indexOf(-1);
  if (count < 0) count = table.limit;
  return {
    items: row.slice(0, count),
    scores: table.scores.slice(item * table.limit, item * table.limit + count),
  };
}

export function similarItemsToArtifact(
  table: SimilarItemsTable,
  params: SimilarityParams,
): ModelArtifact {
  return {
    kind: 'similar-items',
    params: { ...params, limit: table.limit },
    arrays: { items: table.items, scores: table.scores },
  };
}

export function similarItemsFromArtifact(artifact: ModelArtifact): SimilarItemsTable {
  if (artifact.kind !== 'similar-items')
    throw new Error(`expected a similar-items artifact, got ${artifact.kind}`);
  const limit = artifact.params.limit;
  if (!(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)) {
    throw new Error(`similar-items artifact: limit ${String(limit)} is not a count`);
  }
  const items = artifactInt32(artifact, 'items');
  if (limit === 0 ? items.length !== 0 : items.length % limit !== 0) {
    throw new Error(
      `similar-items artifact: ${items.length} entries is not a multiple of ${limit}`,
    );
  }
  const n = limit === 0 ? 0 : items.length / limit;
  for (let r = 0; r < items.length; r++) {
    if (!(items[r]! >= -1 && items[r]! < n))
      throw new Error(`similar-items artifact: item ${items[r]} out of range`);
  }
  return { limit, items, scores: artifactFloat32(artifact, 'scores', items.length) };
}
