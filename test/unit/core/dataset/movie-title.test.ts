import { describe, expect, it } from 'vitest';
import { parseGenres, parseTitle } from '../../../../lambdas/core/dataset/movie-title.ts';

describe('parseTitle', () => {
  it('splits off the trailing year', () => {
    expect(parseTitle('Toy Story (1995)')).toEqual({ title: 'Toy Story', year: 1995 });
    expect(parseTitle('From Dusk Till Dawn 2: Texas Blood Money (1999) ')).toEqual({
      title: 'From Dusk Till Dawn 2: Texas Blood Money',
      year: 1999,
    });
  });

  it('keeps alternative titles in parentheses', () => {
    expect(parseTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)')).toEqual({
      title: 'City of Lost Children, The (Cité des enfants perdus, La)',
      year: 1995,
    });
  });

  it('takes the first year of a series range, closed or open', () => {
    expect(parseTitle('Death Note: Desu nôto (2006–2007)')).toEqual({
      title: 'Death Note: Desu nôto',
      year: 2006,
    });
    expect(parseTitle('Some Show (2010-)')).toEqual({ title: 'Some Show', year: 2010 });
  });

  it('gives null when there is no year', () => {
    expect(parseTitle('Babylon 5')).toEqual({ title: 'Babylon 5', year: null });
    expect(parseTitle('(1995)')).toEqual({ title: '(1995)', year: null });
    expect(parseTitle('Blade Runner 2049')).toEqual({ title: 'Blade Runner 2049', year: null });
  });
});

describe('parseGenres', () => {
  it('splits, normalises "Children\'s" and reads "(no genres listed)" as none', () => {
    expect(parseGenres("Animation|Children's|Comedy")).toEqual(['Animation', 'Children', 'Comedy']);
    expect(parseGenres('(no genres listed)')).toEqual([]);
    expect(parseGenres('')).toEqual([]);
  });
});
