import { describe, expect, it } from 'vitest';
import {
  addPick,
  clampStars,
  parsePicks,
  ratePick,
  ratingsKey,
  removePick,
} from '../../../frontend/src/view/picked-movies.ts';

const heat = { movieId: 6, title: 'Heat (1995)', year: 1995, genres: ['Action', 'Crime'] };
const alien = { movieId: 1214, title: 'Alien (1979)', year: 1979, genres: ['Horror', 'Sci-Fi'] };

describe('picked movies', () => {
  it('rounds ratings to half stars within 0.5–5', () => {
    expect(clampStars(3.26)).toBe(3.5);
    expect(clampStars(3.24)).toBe(3);
    expect(clampStars(0)).toBe(0.5);
    expect(clampStars(7)).toBe(5);
    expect(clampStars(Number.NaN)).toBe(4);
  });

  it('adds newest first at 4 stars and keeps an existing rating when re-added', () => {
    let picks = addPick([], heat);
    picks = addPick(picks, alien);
    expect(picks.map((p) => p.movieId)).toEqual([1214, 6]);
    expect(picks[0]!.rating).toBe(4);
    picks = ratePick(picks, 6, 2.5);
    picks = addPick(picks, heat);
    expect(picks.map((p) => [p.movieId, p.rating])).toEqual([
      [6, 2.5],
      [1214, 4],
    ]);
    expect(removePick(picks, 6).map((p) => p.movieId)).toEqual([1214]);
  });

  it('drops no pick past 50: a profile holds more, and the API enforces its own limit', () => {
    let picks = addPick([], heat);
    for (let id = 100; id < 160; id++) picks = addPick(picks, { ...alien, movieId: id });
    expect(picks).toHaveLength(61);
    expect(picks[0]!.movieId).toBe(159);
    expect(picks[60]!.movieId).toBe(6);
  });

  it('reads back what it stored and drops malformed entries', () => {
    const stored = JSON.stringify([
      { ...heat, rating: 4.5 },
      { movieId: 'x', title: 'bad' },
      { movieId: 6, title: 'duplicate', rating: 1 },
      { movieId: 7, title: 'No year', rating: 9 },
      null,
    ]);
    expect(parsePicks(stored)).toEqual([
      { ...heat, rating: 4.5 },
      { movieId: 7, title: 'No year', year: null, genres: [], rating: 5 },
    ]);
    expect(parsePicks('{not json')).toEqual([]);
    expect(parsePicks('{"a":1}')).toEqual([]);
    expect(parsePicks(null)).toEqual([]);
  });

  it('keys the request by ratings regardless of order', () => {
    const a = ratePick(addPick(addPick([], heat), alien), 6, 3);
    const b = ratePick(addPick(addPick([], alien), heat), 6, 3);
    expect(ratingsKey(a)).toBe(ratingsKey(b));
    expect(ratingsKey(ratePick(a, 6, 3.5))).not.toBe(ratingsKey(a));
  });
});
