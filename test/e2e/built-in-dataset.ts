import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What the e2e suite knows of the built-in MovieLens ml-latest-small, read from the dataset's own
 * files (the API exposes no rating history): the suite expects the system under test to serve
 * a model trained on it, as the embedded stack and a default deployment do.
 */
export interface BuiltInDataset {
  /** userId → the movies the user rated. */
  ratedBy: Map<number, Set<number>>;
  /** movieId → how many ratings the movie has. */
  ratingCount: Map<number, number>;
}

const RATINGS_CSV = fileURLToPath(
  new URL('../../data/ml-latest-small/ratings.csv', import.meta.url),
);

let cached: BuiltInDataset | undefined;

export function builtInDataset(): BuiltInDataset {
  if (cached !== undefined) return cached;
  const ratedBy = new Map<number, Set<number>>();
  const ratingCount = new Map<number, number>();
  const lines = readFileSync(RATINGS_CSV, 'utf8').split('\n');
  // userId,movieId,rating,timestamp
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [user, movie] = line.split(',', 2).map(Number) as [number, number];
    let rated = ratedBy.get(user);
    if (rated === undefined) ratedBy.set(user, (rated = new Set()));
    rated.add(movie);
    ratingCount.set(movie, (ratingCount.get(movie) ?? 0) + 1);
  }
  cached = { ratedBy, ratingCount };
  return cached;
}
