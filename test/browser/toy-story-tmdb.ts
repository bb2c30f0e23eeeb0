import type { Page } from 'playwright-core';
import type { MovieResponse } from '../../frontend/src/api/api-types.ts';

type TmdbContent = Pick<MovieResponse, 'details' | 'reviews'>;

/**
 * TMDB's record of Toy Story (movieId 1, tmdbId 862) and three of its reviews with their
 * sentiment, as GET /movies/1 answers them when the pipeline ran with a TMDB key: the values of
 * the local stack's TMDB fixture.
 */
export const TOY_STORY_TMDB = {
  details: {
    source: 'tmdb',
    fetchedAt: '2026-12-01T00:00:00.000Z',
    overview:
      "Led by Woody, Andy's toys live happily in his room until Andy's birthday brings Buzz Lightyear onto the scene.",
    runtimeMinutes: 81,
    releaseDate: '1995-10-30',
    originalLanguage: 'en',
    directors: ['John Lasseter'],
    cast: ['Tom Hanks', 'Tim Allen', 'Don Rickles'],
    keywords: ['toy', 'friendship', 'rivalry'],
    posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    voteAverage: 7.97,
    voteCount: 17213,
  },
  reviews: {
    total: 3,
    positive: 1,
    mixed: 1,
    negative: 1,
    items: [
      {
        author: 'Ana',
        createdAt: '2019-03-12T10:00:00.000Z',
        excerpt: 'A wonderful, funny and moving film: a true classic.',
        url: 'https://www.themoviedb.org/review/5c87a0c09251410ba4a3a0b1',
        sentiment: { label: 'positive', score: 0.42 },
      },
      {
        author: 'Ben',
        createdAt: '2020-06-01T08:30:00.000Z',
        excerpt: 'The story is not good and the jokes fall flat.',
        url: 'https://www.themoviedb.org/review/5ed4b7c0e93e8d00218a33b2',
        sentiment: { label: 'negative', score: -0.31 },
      },
      {
        author: 'Cleo',
        createdAt: '2021-01-20T18:00:00.000Z',
        excerpt: 'Great animation, but a boring middle part.',
        url: 'https://www.themoviedb.org/review/60086e2a5f2b8d003f8e5bc3',
        sentiment: { label: 'mixed', score: 0.02 },
      },
    ],
  },
} satisfies TmdbContent;

/**
 * Answers the page's GET /api/movies/{id} with the API's own answer and `content` in place of
 * its details and reviews: the page as it is for a pipeline that ran with a TMDB key.
 */
export async function withTmdbContent(
  page: Page,
  movieId: number,
  content: TmdbContent,
): Promise<void> {
  await page.route(`**/api/movies/${movieId}`, async (route) => {
    const response = await route.fetch();
    const movie = (await response.json()) as MovieResponse;
    await route.fulfill({ response, json: { ...movie, ...content } });
  });
}
