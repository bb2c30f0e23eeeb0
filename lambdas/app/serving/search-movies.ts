import { popularItems } from '../../core/models/popularity.ts';
import { requireCurrentModel } from './current-model.ts';
import type { MovieSummary } from './movie-summaries.ts';
import type { ServingContext } from './serving-context.ts';
import type { ServingModel } from './serving-model.ts';

export interface MovieSearchHit extends MovieSummary {
  ratingCount: number;
}

export interface MovieSearch {
  query: string | null;
  movies: MovieSearchHit[];
}

/**
 * Fuzzy title search (Fuse.js over the version's catalogue, exact titles first, ties to the more
 * rated movie). Without a query it browses: the most popular movies, in `genre` if given.
 */
export async function searchMovies(
  context: ServingContext,
  options: { query?: string; genre?: string; limit: number },
): Promise<MovieSearch> {
  const pointer = await requireCurrentModel(context.store);
  const model = await context.model(pointer.version);
  const query = options.query?.trim() ?? '';
  let items: number[];
  if (query === '') {
    const popular = popularItems(model.popularity, {
      limit: options.limit,
      ...(options.genre !== undefined && { genre: canonicalGenre(model, options.genre) }),
    });
    items = Array.from(popular.items);
  } else {
    // Search wider when filtering, so a genre still fills the page.
    const wide = options.genre === undefined ? options.limit : options.limit * 10;
    items = model.titles.search(query, wide);
    if (options.genre !== undefined) {
      const wanted = options.genre.toLowerCase();
      items = items.filter((item) =>
        model.catalogue.genres[item]!.some((genre) => genre.toLowerCase() === wanted),
      );
    }
    items = items.slice(0, options.limit);
  }
  return { query: query === '' ? null : query, movies: items.map((item) => hit(model, item)) };
}

function hit(model: ServingModel, item: number): MovieSearchHit {
  const { catalogue } = model;
  const year = catalogue.years[item]!;
  return {
    movieId: catalogue.itemIds[item]!,
    title: catalogue.titles[item]!,
    year: year > 0 ? year : null,
    genres: catalogue.genres[item]!,
    ratingCount: model.popularity.stats.counts[item]!,
  };
}

/** Genres are matched case-insensitively; the popularity lists are keyed by their own spelling. */
function canonicalGenre(model: ServingModel, genre: string): string {
  const wanted = genre.toLowerCase();
  return Object.keys(model.popularity.byGenre).find((g) => g.toLowerCase() === wanted) ?? genre;
}
