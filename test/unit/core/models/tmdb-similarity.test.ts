import { describe, expect, it } from 'vitest';
import { buildContentFeatures } from '../../../../lambdas/core/models/content-features.ts';
import {
  createSimilarityIndex,
  DEFAULT_SIMILARITY_PARAMS,
  itemSimilarity,
  similarItems,
} from '../../../../lambdas/core/models/similar-items.ts';
import type { TmdbContent } from '../../../../lambdas/core/models/tmdb-vectors.ts';
import {
  TMDB_MIN_COVERAGE,
  TMDB_PART_SHARES,
  withTmdb,
} from '../../../../lambdas/core/models/tmdb-vectors.ts';

const tmdb = (parts: Partial<TmdbContent>): TmdbContent => ({
  keywords: [],
  cast: [],
  directors: [],
  originalLanguage: null,
  ...parts,
});

/**
 * Five animated children's films of 1995–1999, alike by genre and year, told apart by TMDB, and
 * five of 2010–2014 so that TMDB describes 9 of the 10 (its minimum coverage).
 */
const MOVIES = Array.from({ length: 10 }, (_, i) => ({
  genres: ['Animation', 'Children'],
  year: i < 5 ? 1995 + i : 2005 + i,
}));
const TMDB = [
  tmdb({
    keywords: ['toy', 'friendship'],
    cast: ['Tom Hanks', 'Tim Allen'],
    directors: ['John Lasseter'],
    originalLanguage: 'en',
  }),
  tmdb({
    keywords: ['lion', 'king'],
    cast: ['Matthew Broderick'],
    directors: ['Roger Allers'],
    originalLanguage: 'en',
  }),
  tmdb({
    keywords: ['ant', 'circus'],
    cast: ['Dave Foley'],
    directors: ['John Lasseter'],
    originalLanguage: 'en',
  }),
  tmdb({
    keywords: ['toy', 'friendship', 'sequel'],
    cast: ['Tom Hanks', 'Tim Allen'],
    directors: ['John Lasseter'],
    originalLanguage: 'en',
  }),
  undefined,
  ...Array.from({ length: 5 }, (_, i) =>
    tmdb({
      keywords: [`topic ${i}`],
      cast: [`Actor ${i}`],
      directors: [`Director ${i}`],
      originalLanguage: 'fr',
    }),
  ),
];
const contentOnly = (withTmdbContent: boolean) =>
  createSimilarityIndex(
    {
      itemFactors: null,
      k: 0,
      content: withTmdbContent
        ? withTmdb(buildContentFeatures(MOVIES, []), TMDB)
        : buildContentFeatures(MOVIES, []),
    },
    { blend: 0 },
  );

describe('content similarity with TMDB', () => {
  it("puts a film's same-keyword, same-cast, same-director film first, then its director's", () => {
    // Without TMDB the nearest years win: 1996, then 1997.
    expect([...similarItems(contentOnly(false), 0, 2).items]).toEqual([1, 2]);
    // With it: the sequel (item 3, 1998) first, then Lasseter's other film (item 2).
    expect([...similarItems(contentOnly(true), 0, 2).items]).toEqual([3, 2]);
  });

  it('weights the group 0.5 of 1.5 without a genome, shared by its parts as documented', () => {
    const { genreWeight, tagWeight, yearWeight, tmdbWeight } = DEFAULT_SIMILARITY_PARAMS;
    const mix = genreWeight + tagWeight + yearWeight + tmdbWeight;
    expect(mix).toBeCloseTo(1.5, 10);
    const index = contentOnly(true);
    const year = (d: number) => yearWeight * Math.exp(-d / DEFAULT_SIMILARITY_PARAMS.yearScale);
    // Items 1 and 2: same genres, one year apart, only the language in common.
    expect(itemSimilarity(index, 1, 2)).toBeCloseTo(
      (genreWeight + year(1) + tmdbWeight * TMDB_PART_SHARES.language) / mix,
      5,
    );
    // Item 4 has no TMDB record: absence is no evidence, the TMDB part adds 0.
    expect(itemSimilarity(index, 0, 4)).toBeCloseTo((genreWeight + year(4)) / mix, 5);
    // A film with itself: every group at 1.
    expect(itemSimilarity(index, 0, 0)).toBeCloseTo(
      (genreWeight + yearWeight + tmdbWeight) / mix,
      5,
    );
  });

  it('leaves the content as it was while TMDB describes under 90 % of the movies', () => {
    const plain = buildContentFeatures(MOVIES, []);
    const sparse = TMDB.map((c, i) => (i < 8 ? c : undefined));
    expect(withTmdb(plain, sparse)).toBe(plain);
    expect(TMDB_MIN_COVERAGE).toBe(0.9);
  });

  it('refuses TMDB content for another number of items', () => {
    expect(() => withTmdb(buildContentFeatures(MOVIES, []), TMDB.slice(1))).toThrow(RangeError);
  });
});
