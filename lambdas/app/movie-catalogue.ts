import type { Dataset } from '../core/dataset/dataset.ts';
import type { ModelArtifact } from '../core/models/artifact.ts';

/**
 * The movies a model version can name: ids, titles, years and genres, stored inside the version
 * as binary arrays so a version answers on its own, without the dataset it was trained on.
 * Titles are kept as UTF-16 code units (offsets + units), genres as CSR over a genre name list.
 */
export interface MovieCatalogue {
  /** Dense item index → raw movieId. */
  itemIds: Int32Array;
  titles: string[];
  /** 0 when unknown. */
  years: Int32Array;
  genres: string[][];
}

export const CATALOGUE_KIND = 'movie-catalogue';

export function catalogueFromDataset(dataset: Dataset): MovieCatalogue {
  return {
    itemIds: dataset.itemIds,
    titles: dataset.movies.map((movie) => movie.title),
    years: Int32Array.from(dataset.movies, (movie) => movie.year ?? 0),
    genres: dataset.movies.map((movie) => movie.genres),
  };
}

export function catalogueToArtifact(catalogue: MovieCatalogue): ModelArtifact {
  const genreNames = [...new Set(catalogue.genres.flat())].sort();
  const genreIndex = new Map(genreNames.map((name, g) => [name, g]));
  const genreIndptr = new Int32Array(catalogue.genres.length + 1);
  catalogue.genres.forEach((list, i) => (genreIndptr[i + 1] = genreIndptr[i]! + list.length));
  const genreIds = Int32Array.from(catalogue.genres.flat(), (name) => genreIndex.get(name)!);

  const titleOffsets = new Int32Array(catalogue.titles.length + 1);
  catalogue.titles.forEach((t, i) => (titleOffsets[i + 1] = titleOffsets[i]! + t.length));
  const titleUnits = new Int32Array(titleOffsets[catalogue.titles.length]!);
  catalogue.titles.forEach((title, i) => {
    for (let c = 0; c < title.length; c++) titleUnits[titleOffsets[i]! + c] = title.charCodeAt(c);
  });
  return {
    kind: CATALOGUE_KIND,
    params: { genres: genreNames },
    arrays: {
      itemIds: catalogue.itemIds,
      years: catalogue.years,
      titleOffsets,
      titleUnits,
      genreIndptr,
      genreIds,
    },
  };
}

export function catalogueFromArtifact(artifact: ModelArtifact): MovieCatalogue {
  if (artifact.kind !== CATALOGUE_KIND) {
    throw new Error(`expected a ${CATALOGUE_KIND} artifact, got ${artifact.kind}`);
  }
  const genreNames = artifact.params.genres;
  if (!Array.isArray(genreNames) || !genreNames.every((g) => typeof g === 'string')) {
    throw new Error(`${CATALOGUE_KIND}: params.genres must be a list of names`);
  }
  const int = (name: string): Int32Array => {
    const array = artifact.arrays[name];
    if (!(array instanceof Int32Array)) throw new Error(`${CATALOGUE_KIND}: missing int32 ${name}`);
    return array;
  };
  const itemIds = int('itemIds');
  const years = int('years');
  const titleOffsets = int('titleOffsets');
  const titleUnits = int('titleUnits');
  const genreIndptr = int('genreIndptr');
  const genreIds = int('genreIds');
  const n = itemIds.length;
  if (
    years.length !== n ||
    titleOffsets.length !== n + 1 ||
    titleOffsets[n] !== titleUnits.length ||
    genreIndptr.length !== n + 1 ||
    genreIndptr[n] !== genreIds.length ||
    genreIds.some((g) => g < 0 || g >= genreNames.length)
  ) {
    throw new Error(`${CATALOGUE_KIND}: array lengths do not agree`);
  }
  const titles: string[] = [];
  const genres: string[][] = [];
  for (let i = 0; i < n; i++) {
    titles.push(
      String.fromCharCode(...titleUnits.subarray(titleOffsets[i]!, titleOffsets[i + 1]!)),
    );
    genres.push(
      Array.from(genreIds.subarray(genreIndptr[i]!, genreIndptr[i + 1]!), (g) => genreNames[g]!),
    );
  }
  return { itemIds, titles, years, genres };
}

/** "Toy Story (1995)". */
export function movieLabel(catalogue: MovieCatalogue, item: number): string {
  const year = catalogue.years[item]!;
  return year > 0 ? `${catalogue.titles[item]!} (${year})` : catalogue.titles[item]!;
}
