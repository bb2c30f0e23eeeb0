import { zipSync } from 'fflate';
import type { DatasetSource } from '../../../../lambdas/app/pipeline/dataset-source.ts';

/**
 * A tiny ml-latest-small-shaped dataset as a GroupLens-style zip: 12 movies in two taste groups
 * (Comedy 1–6, Drama 7–12), TINY_USERS users who rate five or six movies of their group highly and one
 * of the other group low, plus tags and links. Every movie gets more than ten ratings, enough
 * for EASE's minimum count.
 */
export const TINY_USERS = 40;

export function tinyMovieLensZip(name = 'ml-latest-small'): Uint8Array {
  const movies = ['movieId,title,genres'];
  for (let m = 1; m <= 12; m++) {
    movies.push(`${m},Movie ${m} (${1990 + m}),${m <= 6 ? 'Comedy' : 'Drama|Romance'}`);
  }
  const ratings = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= TINY_USERS; u++) {
    const base = u % 2 === 1 ? 0 : 6;
    for (let j = 0; j < 6; j++) {
      if ((u + j) % 7 === 0) continue;
      ratings.push(
        `${u},${base + j + 1},${4 + ((u + j) % 3) * 0.5},${1_000_000_000 + u * 1000 + j}`,
      );
    }
    ratings.push(`${u},${((base + 6) % 12) + 1 + (u % 3)},1.5,${1_100_000_000 + u}`);
  }
  const tags = [
    'userId,movieId,tag,timestamp',
    '1,1,funny,1000000000',
    '3,1,Funny,1000000001',
    '2,7,sad,1000000002',
  ];
  const links = ['movieId,imdbId,tmdbId'];
  for (let m = 1; m <= 12; m++) links.push(`${m},${String(m).padStart(7, '0')},${100 + m}`);
  const encode = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
  return zipSync({
    [`${name}/movies.csv`]: encode(movies),
    [`${name}/ratings.csv`]: encode(ratings),
    [`${name}/tags.csv`]: encode(tags),
    [`${name}/links.csv`]: encode(links),
  });
}

/** A DatasetSource that serves fixed bytes per uri and records what was fetched. */
export function fixedSource(
  byUri: Record<string, Uint8Array>,
): DatasetSource & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    fetch(uri) {
      fetched.push(uri);
      const bytes = byUri[uri];
      return bytes === undefined
        ? Promise.reject(new Error(`no fixture for ${uri}`))
        : Promise.resolve(bytes);
    },
  };
}

export const noSleep = { sleep: () => Promise.resolve() };
