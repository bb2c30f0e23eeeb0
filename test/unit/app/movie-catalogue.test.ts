import { describe, expect, it } from 'vitest';
import {
  catalogueFromArtifact,
  catalogueToArtifact,
  movieLabel,
  type MovieCatalogue,
} from '../../../lambdas/app/movie-catalogue.ts';
import { createTitleSearch } from '../../../lambdas/app/title-search.ts';

const catalogue: MovieCatalogue = {
  itemIds: Int32Array.from([1, 6, 2571, 6377, 3114, 5000]),
  titles: ['Toy Story', 'Heat', 'Matrix, The', 'Finding Nemo', 'Toy Story 2', 'Amélie'],
  years: Int32Array.from([1995, 1995, 1999, 2003, 1999, 0]),
  genres: [['Animation', 'Children'], ['Action'], ['Sci-Fi'], ['Animation'], ['Animation'], []],
};
const counts = Int32Array.from([215, 102, 278, 141, 97, 10]);

describe('movie catalogue', () => {
  it('round-trips titles (any Unicode), years and genres through binary arrays', () => {
    const back = catalogueFromArtifact(catalogueToArtifact(catalogue));
    expect(back.titles).toEqual(catalogue.titles);
    expect(Array.from(back.years)).toEqual(Array.from(catalogue.years));
    expect(back.genres).toEqual(catalogue.genres);
    expect(Array.from(back.itemIds)).toEqual(Array.from(catalogue.itemIds));
  });

  it('rejects arrays that disagree', () => {
    const artifact = catalogueToArtifact(catalogue);
    artifact.arrays.years = new Int32Array(2);
    expect(() => catalogueFromArtifact(artifact)).toThrow(/lengths/);
  });

  it('labels a movie with its year when known', () => {
    expect(movieLabel(catalogue, 0)).toBe('Toy Story (1995)');
    expect(movieLabel(catalogue, 5)).toBe('Amélie');
  });
});

describe('title search', () => {
  const search = createTitleSearch(catalogue, counts);

  it('prefers the exact title over longer fuzzy matches', () => {
    expect(search.resolve('toy story')).toBe(0);
    expect(search.resolve('Toy Story 2')).toBe(4);
    expect(search.resolve('Heat')).toBe(1);
  });

  it('finds reordered articles, accents and typos', () => {
    expect(search.resolve('The Matrix')).toBe(2);
    expect(search.resolve('amelie')).toBe(5);
    expect(search.resolve('Findng Nemo')).toBe(3);
  });

  it('returns -1 when nothing is close', () => {
    expect(search.resolve('qqqq zzzz xxxx')).toBe(-1);
    expect(search.resolve('   ')).toBe(-1);
  });
});
