import { normaliseTag } from '../../core/models/content-features.ts';
import { itemStats, popularItems } from '../../core/models/popularity.ts';
import { neighboursOf } from '../../core/models/similar-items.ts';
import type { ModelVersion } from '../model-version.ts';
import { ALL_GENRES, servingKeys } from '../serving/serving-keys.ts';
import type {
  MovieRecord,
  PopularRecord,
  SimilarMoviesRecord,
} from '../serving/serving-records.ts';
import type { ObjectStore } from './object-store.ts';
import { putJson } from './object-store.ts';
import type { TmdbSnapshot } from './tmdb-snapshot.ts';
import { pipelineObjectKeys } from './pipeline-objects.ts';
import type { ProcessedCatalogue } from './processed-dataset.ts';
import { movieVector, servingItem } from './serving-items.ts';
import type { ServingItem, ServingWriter } from './serving-writer.ts';
import type { WriteItemsOptions } from './write-items.ts';
import { writeItems } from './write-items.ts';

/** Movies per popular list (overall and per genre). */
export const POPULAR_LIMIT = 100;
/** Tags shown per movie. */
export const TOP_TAGS = 5;

export interface CatalogueResult {
  movies: number;
  popularLists: number;
  items: number;
  searchIndexKey: string;
}

/**
 * The catalogue step: per movie its metadata and rating statistics (META), its similar movies
 * and rating-model vector for the new version; the popular lists overall and per genre; and for
 * the web app a compact search index as JSON in S3. It needs the dataset's movies and tags
 * only: the rating statistics come from the version's popularity, and the dashboard aggregates
 * over every rating were written by the train step. A movie the run's TMDB snapshot describes
 * carries its details and reviews (excerpts keep the item far below DynamoDB's 400 KB).
 */
export async function publishCatalogue(
  input: { version: string },
  ports: {
    model: ModelVersion;
    dataset: ProcessedCatalogue;
    store: ObjectStore;
    serving: ServingWriter;
    write: WriteItemsOptions;
    /** The run's TMDB records by movie id; undefined when the run had no enrichment. */
    tmdb?: TmdbSnapshot;
  },
): Promise<CatalogueResult> {
  const { model, dataset } = ports;
  const { version } = input;
  const { catalogue, popularity } = model;
  if (catalogue.itemIds.length !== dataset.itemIds.length) {
    throw new Error(`version ${version} and the processed dataset disagree on the movie count`);
  }
  const tags = topTags(dataset);
  const items: ServingItem[] = [];
  for (let item = 0; item < catalogue.itemIds.length; item++) {
    const movieId = catalogue.itemIds[item]!;
    const movie = dataset.movies[item]!;
    const stats = itemStats(popularity.stats, item);
    const meta: MovieRecord = {
      movieId,
      title: movie.title,
      year: movie.year,
      genres: movie.genres,
      imdbId: movie.imdbId,
      tmdbId: movie.tmdbId,
      ratingCount: stats.count,
      ratingMean: stats.mean,
      bayesianAverage: stats.bayesianAverage,
      histogram: Array.from(stats.histogram),
      topTags: tags[item] ?? [],
    };
    const tmdb = ports.tmdb?.get(movieId);
    if (tmdb !== undefined) {
      meta.details = tmdb.details;
      meta.reviews = tmdb.reviews;
    }
    items.push(servingItem(servingKeys.movie(movieId), meta));
    const neighbours = neighboursOf(model.similar, item);
    const similar: SimilarMoviesRecord = {
      movieId,
      version,
      items: Array.from(neighbours.items, (other, r) => ({
        movieId: catalogue.itemIds[other]!,
        score: neighbours.scores[r]!,
      })),
    };
    items.push(servingItem(servingKeys.similarMovies(movieId, version), similar));
    items.push(
      servingItem(
        servingKeys.movieVector(movieId, version),
        movieVector(model.rating, version, item),
      ),
    );
  }
  const genres = [ALL_GENRES, ...Object.keys(popularity.byGenre)];
  for (const genre of genres) {
    const list = popularItems(popularity, {
      limit: POPULAR_LIMIT,
      ...(genre !== ALL_GENRES && { genre }),
    });
    const record: PopularRecord = {
      genre,
      version,
      items: Array.from(list.items, (item, r) => ({
        movieId: catalogue.itemIds[item]!,
        score: list.scores[r]!,
        count: list.counts[r]!,
        mean: list.means[r]!,
      })),
    };
    items.push(servingItem(servingKeys.popular(genre, version), record));
  }
  await writeItems(ports.serving, items, ports.write);

  const searchIndexKey = pipelineObjectKeys.searchIndex(version);
  const counts = popularity.stats.counts;
  const order = Array.from(catalogue.itemIds.keys()).sort((a, b) => counts[b]! - counts[a]!);
  await putJson(
    ports.store,
    searchIndexKey,
    order.map((item) => [
      catalogue.itemIds[item]!,
      catalogue.titles[item]!,
      catalogue.years[item]! || null,
      counts[item]!,
    ]),
  );
  return {
    movies: catalogue.itemIds.length,
    popularLists: genres.length,
    items: items.length,
    searchIndexKey,
  };
}

/** Each movie's most used tags (normalised, ties by name), at most TOP_TAGS. */
function topTags(dataset: Pick<ProcessedCatalogue, 'tags'>): string[][] {
  const perItem = new Map<number, Map<string, number>>();
  for (const tag of dataset.tags) {
    const name = normaliseTag(tag.tag);
    if (name === '') continue;
    const counts = perItem.get(tag.item) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    perItem.set(tag.item, counts);
  }
  const out: string[][] = [];
  for (const [item, counts] of perItem) {
    out[item] = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_TAGS)
      .map(([name]) => name);
  }
  return out;
}
