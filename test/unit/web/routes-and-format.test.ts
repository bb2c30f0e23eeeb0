import { describe, expect, it } from 'vitest';
import { imdbUrl, tmdbUrl } from '../../../frontend/src/view/external-links.ts';
import {
  becauseText,
  displayTitle,
  histogramLabels,
  movieLabel,
} from '../../../frontend/src/view/format.ts';
import { parseRoute } from '../../../frontend/src/view/routes.ts';

describe('routes', () => {
  it('parses every page and rejects bad ids', () => {
    expect(parseRoute('/')).toEqual({ page: 'discover' });
    expect(parseRoute('/dashboard/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('/model')).toEqual({ page: 'model' });
    expect(parseRoute('/movies/318')).toEqual({ page: 'movie', movieId: 318 });
    expect(parseRoute('/users/7')).toEqual({ page: 'user', userId: 7 });
    expect(parseRoute('/movies/0').page).toBe('not-found');
    expect(parseRoute('/movies/abc').page).toBe('not-found');
    expect(parseRoute('/users/99999999999').page).toBe('not-found');
    expect(parseRoute('/nope')).toEqual({ page: 'not-found', path: '/nope' });
  });
});

describe('formatting', () => {
  it('adds the year unless the title has it', () => {
    expect(movieLabel({ title: 'Heat', year: 1995 })).toBe('Heat (1995)');
    expect(movieLabel({ title: 'Heat (1995)', year: 1995 })).toBe('Heat (1995)');
    expect(movieLabel({ title: 'Untitled', year: null })).toBe('Untitled');
    expect(movieLabel({ title: 'Matrix, The', year: 1999 })).toBe('The Matrix (1999)');
  });

  it('moves a trailing article to the front, and nothing else', () => {
    expect(displayTitle('Godfather: Part II, The')).toBe('The Godfather: Part II');
    expect(displayTitle("Bug's Life, A")).toBe("A Bug's Life");
    expect(displayTitle('Misérables, Les')).toBe('Les Misérables');
    expect(displayTitle('Lock, Stock & Two Smoking Barrels')).toBe(
      'Lock, Stock & Two Smoking Barrels',
    );
    expect(displayTitle('Thelma & Louise')).toBe('Thelma & Louise');
  });

  it('explains a recommendation by the liked movies', () => {
    expect(becauseText([])).toBe('');
    expect(becauseText(['Heat'])).toBe('Because you rated Heat');
    expect(becauseText(['Heat', 'Alien', 'Up'])).toBe('Because you rated Heat, Alien and Up');
  });

  it('labels histogram bins with the star values of the scale', () => {
    expect(histogramLabels(10)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(histogramLabels(5)).toEqual([1, 2, 3, 4, 5]);
    expect(histogramLabels(0)).toEqual([]);
  });

  it('links IMDb with the tt prefix and seven digits, TMDB by id', () => {
    expect(imdbUrl('0114369')).toBe('https://www.imdb.com/title/tt0114369/');
    expect(imdbUrl('114369')).toBe('https://www.imdb.com/title/tt0114369/');
    expect(imdbUrl('tt1')).toBeNull();
    expect(imdbUrl(null)).toBeNull();
    expect(tmdbUrl(949)).toBe('https://www.themoviedb.org/movie/949');
    expect(tmdbUrl(null)).toBeNull();
  });
});
