import { generateSyntheticDataset } from '../../core/dataset/synthetic-dataset.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { writeMovieLensCsv } from '../write-movielens.ts';

export interface GenerateOptions {
  users: number;
  items: number;
  ratings: number;
  seed: number;
  out: string;
}

/** Writes a seeded synthetic MovieLens-format dataset (ratings.csv, movies.csv, ...) to a folder. */
export async function generate(options: GenerateOptions): Promise<string> {
  const { out, ...shape } = options;
  const reporter = createProgressReporter();
  try {
    const dataset = generateSyntheticDataset({ ...shape, onProgress: reporter.onProgress });
    await writeMovieLensCsv(dataset, out);
  } finally {
    reporter.stop();
  }
  const n = (value: number): string => value.toLocaleString('en-US');
  return `wrote ${n(shape.ratings)} ratings by ${n(shape.users)} users of ${n(shape.items)} movies to ${out}`;
}
