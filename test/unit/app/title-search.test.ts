import { describe, expect, it } from 'vitest';
import type { MovieCatalogue } from '../../../lambdas/app/movie-catalogue.ts';
import { createTitleSearch } from '../../../lambdas/app/title-search.ts';
import { createRng } from '../../../lambdas/core/random.ts';

/**
 * A catalogue large enough (2,000 titles) that fuzzy search scores only the titles sharing the
 * most trigrams with the query: real titles hidden among seeded random word titles.
 */
function largeCatalogue(): { catalogue: MovieCatalogue; counts: Int32Array } {
  const words = ['night', 'story', 'river', 'king', 'return', 'dark', 'love', 'war', 'city', 'man'];
  const rng = createRng(5);
  const real = ['Toy Story', 'Finding Nemo', 'Lord of the Rings, The', 'Heat', 'Up'];
  const titles = Array.from({ length: 2000 }, (_, i) =>
    i < real.length
      ? real[i]!
      : Array.from({ length: 1 + rng.int(3) }, () => words[rng.int(words.length)]).join(' '),
  );
  return {
    catalogue: {
      itemIds: Int32Array.from(titles, (_, i) => i + 1),
      titles,
      years: Int32Array.from(titles, (_, i) => 1950 + (i % 70)),
      genres: titles.map(() => ['Drama']),
    },
    counts: Int32Array.from(titles, (_, i) => 2000 - i),
  };
}

describe('title search on a large catalogue', () => {
  const { catalogue, counts } = largeCatalogue();
  const search = createTitleSearch(catalogue, counts);

  it('still finds misspelt and partial titles among the trigram candidates', () => {
    expect(search.resolve('toy stroy')).toBe(0);
    expect(search.resolve('findng nemo')).toBe(1);
    expect(search.resolve('lord of the rigns')).toBe(2);
    expect(search.resolve('nemo')).toBe(1);
    expect(search.resolve('Heat 1953')).toBe(3);
    expect(search.resolve('up')).toBe(4);
  });

  it('ranks several matches and finds nothing for gibberish', () => {
    const hits = search.search('dark river', 5);
    expect(hits).toHaveLength(5);
    for (const item of hits) expect(catalogue.titles[item]).toMatch(/dark|river/);
    expect(search.resolve('qqqq zzzz xxxx')).toBe(-1);
  });
});
