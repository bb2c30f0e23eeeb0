/** What the recommend use-cases answer, in raw MovieLens ids and display titles. */
export interface RecommendedMovie {
  movieId: number;
  title: string;
  genres: string[];
  score: number;
  /** The user's rated movies that raised this one's score most (explain.ts); may be empty. */
  because: { movieId: number; title: string }[];
}

export interface Recommendations {
  /** True when the user is unknown and the list is the popular one. */
  coldStart: boolean;
  /** The movies the list was built from (anonymous: the resolved --like titles). */
  basedOn: { movieId: number; title: string }[];
  movies: RecommendedMovie[];
}
