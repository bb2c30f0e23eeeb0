import Fuse from 'fuse.js';
import type { MovieCatalogue } from './movie-catalogue.ts';
import { movieLabel } from './movie-catalogue.ts';

/** Resolves what a person types ("toy story", "Heat 1995", "Nemo") to a catalogue item. */
export interface TitleSearch {
  /** Best matching items, best first (at most `limit`). */
  search(query: string, limit?: number): number[];
  /** The single best match, or -1 when nothing is close. */
  resolve(query: string): number;
}

const normalise = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Exact (normalised) title or "title (year)" wins; otherwise Fuse.js fuzzy matching over the
 * title and its "Title, The" → "The Title" reordering. Among equally good matches the movie with
 * more ratings wins, because that is the one people usually mean ("Heat" → Heat (1995)).
 */
export function createTitleSearch(
  catalogue: MovieCatalogue,
  ratingCounts: ArrayLike<number>,
): TitleSearch {
  const entries = catalogue.titles.map((title, item) => {
    const reordered = title.replace(/^(.*), (The|A|An|Les|La|Le|Il|El|Das|Die|Der)$/i, '$2 $1');
    return { item, title: normalise(reordered), label: normalise(movieLabel(catalogue, item)) };
  });
  const exact = new Map<string, number>();
  const prefer = (key: string, item: number): void => {
    const held = exact.get(key);
    if (held === undefined || ratingCounts[item]! > ratingCounts[held]!) exact.set(key, item);
  };
  for (const entry of entries) {
    prefer(entry.title, entry.item);
    prefer(entry.label, entry.item);
  }
  const options = {
    keys: ['title', 'label'],
    includeScore: true,
    threshold: 0.35,
    ignoreLocation: true,
  };
  const fuse = new Fuse(entries, options);
  const postings = trigramPostings(entries.map((entry) => `${entry.title} ${entry.label}`));

  /**
   * Fuse scores every title with a bitap scan (tens to hundreds of ms on 10k titles). Titles
   * sharing no or few character trigrams with the query cannot be within the threshold, so only
   * the CANDIDATES titles sharing the most trigrams are scored; Fuse's score of a title does not
   * depend on the others, so the ranking among them is unchanged.
   */
  const fuzzy = (key: string, limit: number) => {
    if (entries.length <= CANDIDATES) return fuse.search(key, { limit });
    const shared = new Int32Array(entries.length);
    const seen: number[] = [];
    for (const gram of trigrams(key)) {
      for (const e of postings.get(gram) ?? []) {
        if (shared[e] === 0) seen.push(e);
        shared[e] = shared[e]! + 1;
      }
    }
    seen.sort((a, b) => shared[b]! - shared[a]! || a - b);
    const subset = seen.slice(0, CANDIDATES).map((e) => entries[e]!);
    return new Fuse(subset, options).search(key, { limit });
  };

  const search = (query: string, limit = 10): number[] => {
    const key = normalise(query);
    if (key === '') return [];
    const first = exact.get(key);
    // An exact title needs no fuzzy pass when only the best match is wanted (resolve).
    if (first !== undefined && limit === 1) return [first];
    const hits = fuzzy(key, Math.max(limit * 5, 20));
    const ranked = hits
      .map((hit) => ({ item: hit.item.item, score: hit.score ?? 1 }))
      .sort(
        (a, b) =>
          a.score - b.score || ratingCounts[b.item]! - ratingCounts[a.item]! || a.item - b.item,
      )
      .map((hit) => hit.item);
    const ordered = first === undefined ? ranked : [first, ...ranked.filter((i) => i !== first)];
    return ordered.slice(0, limit);
  };
  return { search, resolve: (query) => search(query, 1)[0] ?? -1 };
}

/** Titles scored by Fuse per query, chosen by shared trigrams (see `fuzzy`). */
const CANDIDATES = 300;

/** The distinct character trigrams of ` text ` (padded, so short words count too). */
function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Trigram → the positions of the texts containing it. */
function trigramPostings(texts: readonly string[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  texts.forEach((text, e) => {
    for (const gram of trigrams(text)) {
      const list = postings.get(gram);
      if (list === undefined) postings.set(gram, [e]);
      else list.push(e);
    }
  });
  return postings;
}
