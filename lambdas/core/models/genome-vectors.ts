import type { Genome } from '../dataset/dataset.ts';
import type { ContentFeatures } from './content-features.ts';
import { topN } from './top-n.ts';

/**
 * Genome tags kept per movie. Cosines of the full 1,128-wide vectors are dominated by the many
 * tags every film has a little of; the top 64 distinctive ones carry nearly all of a film's
 * profile and keep the index small (ml-25m: 13,816 films × 64 instead of × 1,128).
 */
export const GENOME_TOP_TAGS = 64;

/**
 * Genome vectors: v(i,t) = r(i,t) − r̄(t), the relevance of tag t to item i above its mean over
 * the genome's films (how much more than usual the film is about t, so "good soundtrack", which
 * most films have somewhat, does not make every pair alike); per item the GENOME_TOP_TAGS largest
 * positive ones, L2-normalised, so a dot product is a cosine of the films' distinctive profiles
 * (the mean-centred cosine of adjusted-cosine similarity, Sarwar et al. 2001, applied to tags).
 */
export function withGenome(features: ContentFeatures, genome: Genome | undefined): ContentFeatures {
  const { items, tagIndptr, tagIndices, tagWeights } = features;
  const offset = features.tags.length;
  if (genome === undefined || genome.items.length === 0) return features;
  if (features.tmdbTerms.length > 0) throw new Error('add the genome before the TMDB terms');
  const T = genome.tags.length;
  const rows = genome.items.length;
  if (genome.relevance.length !== rows * T) {
    throw new RangeError(
      `genome relevance has ${genome.relevance.length} values, not ${rows}×${T}`,
    );
  }
  const mean = new Float64Array(T);
  for (let r = 0; r < rows; r++)
    for (let t = 0; t < T; t++) mean[t]! += genome.relevance[r * T + t]!;
  for (let t = 0; t < T; t++) mean[t]! /= rows;

  const rowOf = new Int32Array(items).fill(-1);
  genome.items.forEach((item, r) => {
    if (!(item >= 0 && item < items))
      throw new RangeError(`genome item ${item} outside 0..${items - 1}`);
    rowOf[item] = r;
  });
  const kept = Math.min(GENOME_TOP_TAGS, T);
  const indptr = new Int32Array(items + 1);
  const indices: number[] = [];
  const weights: number[] = [];
  const centred = new Float32Array(T);
  for (let i = 0; i < items; i++) {
    for (let n = tagIndptr[i]!; n < tagIndptr[i + 1]!; n++) {
      indices.push(tagIndices[n]!);
      weights.push(tagWeights[n]!);
    }
    const r = rowOf[i]!;
    if (r >= 0) {
      for (let t = 0; t < T; t++) centred[t] = genome.relevance[r * T + t]! - mean[t]!;
      const top = topN(centred, kept);
      const ids: number[] = [];
      for (let j = 0; j < top.items.length; j++) if (top.scores[j]! > 0) ids.push(top.items[j]!);
      ids.sort((a, b) => a - b);
      const norm = Math.sqrt(ids.reduce((sum, t) => sum + centred[t]! ** 2, 0));
      for (const t of ids) {
        indices.push(offset + t);
        weights.push(centred[t]! / norm);
      }
    }
    indptr[i + 1] = indices.length;
  }
  return {
    ...features,
    tagIndptr: indptr,
    tagIndices: Int32Array.from(indices),
    tagWeights: Float32Array.from(weights),
    genomeTags: genome.tags,
  };
}
