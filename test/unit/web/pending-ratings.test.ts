import { describe, expect, it } from 'vitest';
import {
  changesBetween,
  parsePending,
  picksFromServer,
  queueChanges,
  settleChange,
} from '../../../frontend/src/view/pending-ratings.ts';
import { addPick, ratePick, removePick } from '../../../frontend/src/view/picked-movies.ts';

const heat = { movieId: 6, title: 'Heat (1995)', year: 1995, genres: ['Action', 'Crime'] };
const alien = { movieId: 1214, title: 'Alien (1979)', year: 1979, genres: ['Horror', 'Sci-Fi'] };
const toyStory = { movieId: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation'] };
const rated = (movieId: number, title: string, rating: number) => ({
  movieId,
  title,
  rating,
  ratedAt: '2026-12-01T10:00:00.000Z',
});

describe('pending ratings', () => {
  it('turns a picks update into the writes it needs: a pick is saved with the stars it shows', () => {
    const before = addPick(addPick([], heat), alien);
    expect(changesBetween([], before)).toEqual([
      { movieId: 1214, rating: 4 },
      { movieId: 6, rating: 4 },
    ]);
    expect(changesBetween(before, ratePick(before, 6, 2.5))).toEqual([{ movieId: 6, rating: 2.5 }]);
    expect(changesBetween(before, removePick(before, 1214))).toEqual([
      { movieId: 1214, rating: null },
    ]);
    // Moving a pick to the front (picked again) changes no rating: nothing to write.
    expect(changesBetween(before, addPick(before, heat))).toEqual([]);
    expect(changesBetween(before, [])).toHaveLength(2);
  });

  it('keeps the latest change per movie, in the order they were made', () => {
    let queue = queueChanges([], [{ movieId: 6, rating: 4 }]);
    queue = queueChanges(queue, [{ movieId: 1214, rating: 3 }]);
    queue = queueChanges(queue, [{ movieId: 6, rating: 4.5 }]);
    expect(queue).toEqual([
      { movieId: 1214, rating: 3 },
      { movieId: 6, rating: 4.5 },
    ]);
    queue = queueChanges(queue, [{ movieId: 1214, rating: null }]);
    expect(queue).toEqual([
      { movieId: 6, rating: 4.5 },
      { movieId: 1214, rating: null },
    ]);
  });

  it('settles a confirmed write unless the movie changed again while it was in flight', () => {
    const sent = { movieId: 6, rating: 4 };
    const queue = [sent, { movieId: 1, rating: 5 }];
    expect(settleChange(queue, sent)).toEqual([{ movieId: 1, rating: 5 }]);
    const changedMeanwhile = queueChanges(queue, [{ movieId: 6, rating: 2 }]);
    expect(settleChange(changedMeanwhile, sent)).toEqual(changedMeanwhile);
  });

  it('shows the server’s ratings, with what is not saved yet on top and metadata kept', () => {
    const known = addPick(addPick([], heat), alien);
    const server = [rated(1214, 'Alien (1979)', 2), rated(1, 'Toy Story (1995)', 5)];
    // Rated elsewhere (another device), so not known here: first, with the title only.
    expect(picksFromServer(server, known, [])).toEqual([
      { movieId: 1, title: 'Toy Story (1995)', year: null, genres: [], rating: 5 },
      { ...alien, rating: 2 },
    ]);
    // Heat added and Alien re-rated here, Toy Story removed, none of it saved yet.
    const pending = [
      { movieId: 6, rating: 3.5 },
      { movieId: 1214, rating: 4.5 },
      { movieId: 1, rating: null },
    ];
    expect(picksFromServer(server, known, pending)).toEqual([
      { ...heat, rating: 3.5 },
      { ...alien, rating: 4.5 },
    ]);
    // Known picks keep their place whatever order the server lists them in.
    const reRated = [rated(1214, 'Alien (1979)', 2), rated(6, 'Heat (1995)', 1)];
    expect(picksFromServer(reRated, known, []).map((p) => p.movieId)).toEqual([1214, 6]);
    expect(picksFromServer(reRated.reverse(), known, []).map((p) => p.movieId)).toEqual([1214, 6]);
    // A queued rating of a movie this browser knows nothing about cannot be shown.
    expect(picksFromServer([], [], [{ movieId: 1, rating: 4 }])).toEqual([]);
    expect(picksFromServer([], [{ ...toyStory, rating: 4 }], [{ movieId: 1, rating: 4 }])).toEqual([
      { ...toyStory, rating: 4 },
    ]);
  });

  it('reads back what it stored and drops malformed entries', () => {
    const stored = JSON.stringify([
      { movieId: 6, rating: 4 },
      { movieId: 1, rating: null },
      { movieId: 'x', rating: 3 },
      { movieId: 7, rating: 'high' },
      { movieId: 6, rating: 3.26 },
      null,
    ]);
    expect(parsePending(stored)).toEqual([
      { movieId: 1, rating: null },
      { movieId: 6, rating: 3.5 },
    ]);
    expect(parsePending('{not json')).toEqual([]);
    expect(parsePending('{"a":1}')).toEqual([]);
    expect(parsePending(null)).toEqual([]);
  });
});
