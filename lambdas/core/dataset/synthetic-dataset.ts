import type { OnProgress } from '../progress.ts';
import { createRng, type Rng } from '../random.ts';
import type { Dataset, Movie, Ratings } from './dataset.ts';
import { MOVIELENS_LIMITS } from './rating-scale.ts';

/** The ml-latest genre vocabulary. */
export const MOVIELENS_GENRES = [
  'Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller',
  'War', 'Western',
]; // prettier-ignore

export interface SyntheticOptions {
  users: number;
  items: number;
  ratings: number;
  seed: number;
  genres?: readonly string[];
  onProgress?: OnProgress;
}

const FACTORS = 8;
const GLOBAL_MEAN = 3.3;
/**
 * Zipf exponent of item popularity: the item at popularity rank r weighs (r + 10)^-1.15. Tuned so
 * that on ml-latest-small's shape the top 10% of items hold ~62% of ratings (the real set: 60%).
 */
const ZIPF_EXPONENT = 1.15;
const ZIPF_OFFSET = 10;
/** Share of a user's picks drawn from their favourite genres rather than from overall popularity. */
const TASTE_SHARE = 0.5;
const FIRST_TIME = Date.UTC(1996, 0, 1) / 1000;
const LAST_TIME = Date.UTC(2023, 9, 1) / 1000;
const DAY = 86400;

/**
 * A seeded MovieLens look-alike for scale tests, with structure a model can learn:
 *
 * - Item popularity is Zipf-like (weight ∝ (rank + 10)^-1.15 over a random permutation of items);
 *   user activity is log-normal (σ = 1.2) above a floor of 20 ratings (MovieLens's own floor)
 *   where the budget allows, else half the average but at least 5 (or the average if lower);
 *   both long-tailed like the real sets.
 * - Ratings follow the biased matrix-factorisation model (Koren, Bell, Volinsky 2009, "Matrix
 *   factorization techniques for recommender systems"): r = clip(round½(μ + b_u + b_i + p_u·q_i + ε))
 *   with μ = 3.3, b_u ~ N(0, 0.45²), b_i ~ N(0, 0.35²) ± 0.1 (popular half up), p, q ~ N(0, 0.45²)
 *   in 8 dimensions, ε ~ N(0, 0.6²), rounded to half stars and clipped to 0.5–5 (mean ≈ 3.5 and
 *   standard deviation ≈ 0.95 after selection, close to ml-latest-small's 3.50 and 1.04).
 * - Which movies a user rates is not random either (ratings are missing not at random, as in
 *   real data): half the picks follow popularity, half come from genres the user's taste vector
 *   favours. Genres are directions in the latent space and a movie's 1–3 genres are drawn by its
 *   affinity to them, so genres carry signal about the factors.
 * - Each user rates each movie at most once (a per-user stamp table rejects repeats); years skew
 *   recent; timestamps fall in a per-user active period between 1996 and 2023, never before the
 *   movie's year.
 *
 * Ratings are ordered by user, then movie, like the GroupLens files. Memory is the final typed
 * arrays (16 bytes per rating) plus O(users + items); typed-array reads use `!`.
 */
export function generateSyntheticDataset(options: SyntheticOptions): Dataset {
  const { users, items, ratings: total, seed, onProgress } = options;
  const genres = options.genres ?? MOVIELENS_GENRES;
  for (const [name, value] of Object.entries({ users, items, ratings: total })) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (total < users)
    throw new RangeError(`ratings (${total}) must be at least users (${users}): every user rates`);
  if (total > users * Math.floor(items / 2)) {
    throw new RangeError(
      `ratings (${total}) exceed half of all user × item pairs (${users} × ${items})`,
    );
  }
  if (genres.length === 0) throw new RangeError('genres must not be empty');
  const rng = createRng(seed);

  // Items: popularity weights, latent factors, biases, genres, years.
  const popularityRank = rng.shuffle(Int32Array.from({ length: items }, (_, i) => i));
  const weight = new Float64Array(items);
  for (let i = 0; i < items; i++) weight[i] = (popularityRank[i]! + ZIPF_OFFSET) ** -ZIPF_EXPONENT;
  const q = normals(rng, items * FACTORS, 0.45);
  const itemBias = new Float32Array(items);
  for (let i = 0; i < items; i++) {
    itemBias[i] = 0.35 * rng.normal() + (popularityRank[i]! < items / 2 ? 0.1 : -0.1);
  }
  const genreAxes = normals(rng, genres.length * FACTORS, 1);
  const movieGenres = pickGenres(rng, q, genreAxes, items, genres.length);
  const movies: Movie[] = [];
  const releasedAt = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    const year = Math.max(1915, 2023 - Math.floor(-Math.log(1 - rng.next()) * 14));
    releasedAt[i] = Date.UTC(year, 0, 1) / 1000;
    movies.push({
      id: i + 1,
      title: `Synthetic Movie ${i + 1}`,
      year,
      genres: movieGenres[i]!.map((g) => genres[g]!),
      imdbId: null,
      tmdbId: null,
    });
  }
  const overall = new AliasTable(weight);
  const byGenre = genres.map((_, g) => {
    const members = Int32Array.from(
      movieGenres.flatMap((list, i) => (list.includes(g) ? [i] : [])),
    );
    return { members, table: new AliasTable(Float64Array.from(members, (i) => weight[i]!)) };
  });

  // Users: activity counts summing exactly to `total`, each within [floor, items / 2].
  const counts = activityCounts(rng, users, items, total);
  const offsets = new Float64Array(users + 1);
  for (let u = 0; u < users; u++) offsets[u + 1] = offsets[u]! + counts[u]!;

  const out: Ratings = {
    user: new Int32Array(total),
    item: new Int32Array(total),
    value: new Float32Array(total),
    timestamp: new Uint32Array(total),
  };
  const stamp = new Int32Array(items).fill(-1);
  const p = new Float64Array(FACTORS);
  const genreCdf = new Float64Array(genres.length);
  const progressEvery = Math.max(1, Math.floor(users / 100));
  for (let u = 0; u < users; u++) {
    for (let f = 0; f < FACTORS; f++) p[f] = 0.45 * rng.normal();
    const userBias = 0.45 * rng.normal();
    tasteCdf(p, genreAxes, genreCdf);
    const start = offsets[u]!;
    const n = counts[u]!;
    const picked = out.item.subarray(start, start + n);

    let filled = 0;
    for (let attempts = 0; filled < n && attempts < 20 * n + 100; attempts++) {
      let item: number;
      if (rng.next() < TASTE_SHARE) {
        const genre = byGenre[sampleCdf(genreCdf, rng.next())]!;
        if (genre.members.length === 0) continue;
        item = genre.members[genre.table.sample(rng)]!;
      } else {
        item = overall.sample(rng);
      }
      if (stamp[item] === u) continue;
      stamp[item] = u;
      picked[filled++] = item;
    }
    // A very heavy user can exhaust the popular items; the rest come from a uniform sweep.
    for (let i = rng.int(items); filled < n; i = (i + 1) % items) {
      if (stamp[i] === u) continue;
      stamp[i] = u;
      picked[filled++] = i;
    }
    picked.sort();

    const firstDay = FIRST_TIME + rng.next() * (LAST_TIME - FIRST_TIME);
    const span = rng.next() < 0.5 ? DAY * rng.next() : DAY * Math.exp(3 + 1.5 * rng.normal());
    const lastDay = Math.min(LAST_TIME, firstDay + span);
    for (let k = start; k < start + n; k++) {
      const i = out.item[k]!;
      let score = GLOBAL_MEAN + userBias + itemBias[i]! + 0.6 * rng.normal();
      for (let f = 0; f < FACTORS; f++) score += p[f]! * q[i * FACTORS + f]!;
      out.user[k] = u;
      out.value[k] = Math.min(
        MOVIELENS_LIMITS.max,
        Math.max(MOVIELENS_LIMITS.min, Math.round(score * 2) / 2),
      );
      const released = Date.UTC(movies[i]!.year!, 0, 1) / 1000;
      out.timestamp[k] = Math.max(
        released,
        Math.floor(firstDay + rng.next() * (lastDay - firstDay)),
      );
    }
    if ((u + 1) % progressEvery === 0 || u === users - 1) {
      onProgress?.({ step: 'generate', done: u + 1, total: users });
    }
  }

  return {
    name: 'synthetic',
    userIds: Int32Array.from({ length: users }, (_, u) => u + 1),
    itemIds: Int32Array.from({ length: items }, (_, i) => i + 1),
    movies,
    ratings: out,
    tags: [],
    scale: { ...MOVIELENS_LIMITS },
  };
}

function normals(rng: Rng, n: number, sigma: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = sigma * rng.normal();
  return out;
}

/** 1–3 genres per movie (mean ≈ 1.8, as in MovieLens), drawn ∝ exp(2·q_i·axis_g) without repeats. */
function pickGenres(
  rng: Rng,
  q: Float32Array,
  axes: Float32Array,
  items: number,
  genreCount: number,
): number[][] {
  const score = new Float64Array(genreCount);
  const out: number[][] = [];
  for (let i = 0; i < items; i++) {
    for (let g = 0; g < genreCount; g++) {
      let dot = 0;
      for (let f = 0; f < FACTORS; f++) dot += q[i * FACTORS + f]! * axes[g * FACTORS + f]!;
      score[g] = Math.exp(2 * dot);
    }
    const wanted = Math.min(
      genreCount,
      1 + (rng.next() < 0.55 ? 1 : 0) + (rng.next() < 0.25 ? 1 : 0),
    );
    const chosen: number[] = [];
    while (chosen.length < wanted) {
      let sum = 0;
      for (let g = 0; g < genreCount; g++) sum += score[g]!;
      let target = rng.next() * sum;
      let g = 0;
      while (g < genreCount - 1 && (target -= score[g]!) > 0) g++;
      chosen.push(g);
      score[g] = 0;
    }
    out.push(chosen.sort((a, b) => a - b));
  }
  return out;
}

/** Cumulative genre preference of one user: softmax of 2·p_u·axis_g. */
function tasteCdf(p: Float64Array, axes: Float32Array, cdf: Float64Array): void {
  let sum = 0;
  for (let g = 0; g < cdf.length; g++) {
    let dot = 0;
    for (let f = 0; f < FACTORS; f++) dot += p[f]! * axes[g * FACTORS + f]!;
    sum += Math.exp(2 * dot);
    cdf[g] = sum;
  }
  for (let g = 0; g < cdf.length; g++) cdf[g]! /= sum;
}

function sampleCdf(cdf: Float64Array, u: number): number {
  let g = 0;
  while (g < cdf.length - 1 && cdf[g]! <= u) g++;
  return g;
}

/**
 * Ratings per user: floor + (total − users·floor) split ∝ log-normal weights, capped at items / 2,
 * with the rounding remainder and any capped excess handed out one by one (seeded).
 */
function activityCounts(rng: Rng, users: number, items: number, total: number): Int32Array {
  const cap = Math.max(1, Math.floor(items / 2));
  const average = Math.floor(total / users);
  const floor = Math.min(20, cap, Math.max(Math.min(5, average), Math.floor(average / 2)));
  const weights = new Float64Array(users);
  let sum = 0;
  for (let u = 0; u < users; u++) sum += weights[u] = Math.exp(1.2 * rng.normal());
  const counts = new Int32Array(users);
  let assigned = 0;
  for (let u = 0; u < users; u++) {
    counts[u] = Math.min(cap, floor + Math.floor(((total - users * floor) * weights[u]!) / sum));
    assigned += counts[u]!;
  }
  for (let u = rng.int(users); assigned < total; u = (u + 1) % users) {
    if (counts[u]! < cap) {
      counts[u]!++;
      assigned++;
    }
  }
  return counts;
}

/** Walker's alias method (Vose's construction): O(n) to build, O(1) per weighted draw. */
class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: Float64Array) {
    const n = weights.length;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i]!;
    const scaled = Float64Array.from(weights, (w) => (w * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1]!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small.push(large.pop()!);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }

  sample(rng: Rng): number {
    const n = this.probability.length;
    const x = rng.next() * n;
    const i = Math.min(n - 1, Math.floor(x));
    return x - i < this.probability[i]! ? i : this.alias[i]!;
  }
}
