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
  const fuse = new Fuse(entries, {
    keys: ['title', 'label'],
    includeScore: true,
    threshold: 0.35,
    ignoreLocation: true,
  });

  const search = (query: string, limit = 10): number[] => {
    const key = normalise(query);
    if (key === '') return [];
    const first = exact.get(key);
    // An exact title needs no fuzzy pass when only the best match is wanted (resolve).
    if (first !== undefined && limit === 1) return [first];
    const hits = fuse.search(key, { limit: Math.max(limit * 5, 20) });
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
