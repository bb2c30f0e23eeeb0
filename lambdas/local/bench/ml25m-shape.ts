import type { Dataset, Tag } from '../../core/dataset/dataset.ts';
import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import type { OnProgress } from '../../core/progress.ts';
import { createRng } from '../../core/random.ts';

/**
 * ml-25m's shape (its README): 25,000,095 ratings by 162,541 users of the 59,047 movies that
 * have ratings, and 1,093,360 tags.
 */
export const ML25M_SHAPE = { ratings: 25_000_000, users: 162_541, items: 59_047, tags: 1_093_360 };

/** Distinct tag words; MovieLens's tag use is long-tailed, so a Zipf-like draw over them. */
const TAG_WORDS = 20_000;

/**
 * A seeded synthetic dataset of `ratings` ratings in ml-25m's proportions (users, movies and
 * tags scaled with it; small runs get more movies, as the generator needs): the core's generator, plus what it leaves out and ml-25m has, tags
 * (each on a rated (user, movie) pair, the word drawn Zipf-like) and links (IMDb and TMDB ids
 * for every movie), so every file of an ml-25m zip is there to ingest.
 */
export function ml25mShapedDataset(options: {
  ratings: number;
  seed: number;
  onProgress?: OnProgress;
}): Dataset {
  const fraction = options.ratings / ML25M_SHAPE.ratings;
  const users = Math.max(100, Math.round(ML25M_SHAPE.users * fraction));
  // Small runs keep at most 25% of user × item pairs rated, which the generator needs.
  const items = Math.max(
    50,
    Math.round(ML25M_SHAPE.items * fraction),
    Math.ceil((4 * options.ratings) / users),
  );
  const dataset = generateSyntheticDataset({
    ratings: options.ratings,
    users,
    items,
    seed: options.seed,
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const rng = createRng(options.seed + 1);
  const { ratings } = dataset;
  const tags: Tag[] = [];
  const tagCount = Math.round(ML25M_SHAPE.tags * fraction);
  for (let t = 0; t < tagCount; t++) {
    const k = rng.int(ratings.value.length);
    // u^3 on [0, 1) skews the draw towards the first words.
    const word = Math.floor(rng.next() ** 3 * TAG_WORDS);
    tags.push({
      user: ratings.user[k]!,
      item: ratings.item[k]!,
      tag: `tag ${word}`,
      timestamp: ratings.timestamp[k]!,
    });
  }
  const movies = dataset.movies.map((movie) => ({
    ...movie,
    imdbId: String(100_000 + movie.id).padStart(7, '0'),
    tmdbId: 10_000 + movie.id,
  }));
  return { ...dataset, movies, tags };
}
