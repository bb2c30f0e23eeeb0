import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { MovieResponse } from '../../frontend/src/api/api-types.ts';
import type { MovieReviews } from '../../frontend/src/view/review-sentiment.ts';
import { openPage, screenshot, useBrowser } from './browser.ts';
import { TOY_STORY_TMDB, withTmdbContent } from './toy-story-tmdb.ts';

const siteUrl = inject('siteUrl');
const apiUrl = inject('apiUrl');

const BADGE = /^Sentiment: (Positive|Mixed|Negative) [+−]\d\.\d\d$/;

/** The movie page's "About the film" facts, term → value. */
async function facts(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('#about .facts > div');
  const entries: [string, string][] = [];
  for (const row of await rows.all()) {
    entries.push([await row.locator('dt').innerText(), await row.locator('dd').innerText()]);
  }
  return Object.fromEntries(entries);
}

/** Toy Story's facts and keywords as TMDB has them (its record and the local fixture agree). */
async function expectToyStoryDetails(page: Page): Promise<void> {
  await page.locator('#about').waitFor();
  expect(await facts(page)).toMatchObject({
    Director: 'John Lasseter',
    Cast: expect.stringMatching(/^Tom Hanks, Tim Allen, Don Rickles/),
    Runtime: '1 h 21 min',
    Released: '30 October 1995',
    Language: 'English',
  });
  const keywords = await page.getByRole('list', { name: 'Keywords' }).locator('li').allInnerTexts();
  expect(keywords).toEqual(expect.arrayContaining(['toy', 'friendship', 'rivalry']));
}

const LABELS = { positive: 'Positive', mixed: 'Mixed', negative: 'Negative' } as const;

/**
 * The Reviews section shows `reviews` as the API answered them: the summary of their counts,
 * then each review in order with its author, date, sentiment badge and link.
 */
async function expectReviews(page: Page, reviews: MovieReviews): Promise<void> {
  const section = page.locator('#reviews');
  const { total, positive, mixed, negative } = reviews;
  expect(await section.locator('.review-summary').innerText()).toMatch(
    new RegExp(`^${total} reviews?: ${positive} positive, ${mixed} mixed, ${negative} negative`),
  );
  const items = section.getByRole('list', { name: 'Reviews' }).getByRole('listitem');
  expect(await items.count()).toBe(reviews.items.length);
  for (const [i, review] of reviews.items.entries()) {
    const item = items.nth(i);
    expect(await item.locator('.review-author').innerText()).toBe(review.author);
    expect(await item.locator('time').innerText()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const badge = await item.locator('.sentiment').textContent();
    expect(badge).toMatch(BADGE);
    expect(badge).toContain(LABELS[review.sentiment.label]);
    const link = item.getByRole('link', { name: /^Read on TMDB/ });
    expect(await link.getAttribute('href')).toBe(review.url);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
  }
}

const HOW_TO_GET_THEM =
  'Reviews and details come from TMDB when the pipeline runs with a TMDB key: see docs/enrichment.md';

describe.skipIf(!siteUrl)("the movie page's TMDB details and reviews", () => {
  const browser = useBrowser();

  it("shows what the API has: TMDB's details and reviews, or how to get them", async () => {
    const movie = (await (await fetch(`${apiUrl}/movies/1`)).json()) as MovieResponse;
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(`${siteUrl}/movies/1`);
    await page.getByRole('heading', { level: 1, name: /Toy Story/ }).waitFor();
    const reviews = page.locator('#reviews');
    await reviews.waitFor();
    if (movie.details === null) expect(await page.locator('#about').count()).toBe(0);
    else await expectToyStoryDetails(page);
    if (movie.reviews === null) expect(await reviews.innerText()).toContain(HOW_TO_GET_THEM);
    else await expectReviews(page, movie.reviews);
    await screenshot(page, 'movie-1-tmdb-from-api');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("renders Toy Story's TMDB record and reviews without a request to TMDB", async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await withTmdbContent(page, 1, TOY_STORY_TMDB);
    await page.goto(`${siteUrl}/movies/1`);
    await expectToyStoryDetails(page);
    await expectReviews(page, TOY_STORY_TMDB.reviews);
    expect(await page.locator('.review-summary').innerText()).toBe(
      '3 reviews: 1 positive, 1 mixed, 1 negative',
    );
    const panned = page.locator('#reviews .review').filter({ hasText: 'not good' });
    expect(await panned.locator('.sentiment').textContent()).toBe('Sentiment: Negative −0.31');
    expect(await page.locator('#reviews').innerText()).not.toContain(HOW_TO_GET_THEM);
    expect(await page.locator('#about .overview').innerText()).toBe(
      TOY_STORY_TMDB.details.overview,
    );
    expect(await facts(page)).toMatchObject({ 'TMDB rating': '8.0 / 10 (17,213 votes)' });
    // No TMDB key in this browser: no poster, although the API knows its path.
    expect(await page.locator('img.poster').count()).toBe(0);
    await screenshot(page, 'movie-1-tmdb');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("takes the poster from the API's details when the browser has a TMDB key", async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await context.addInitScript(`localStorage.setItem('movierec.tmdbKey', 'test-key')`);
    await withTmdbContent(page, 1, TOY_STORY_TMDB);
    // TMDB intercepted: its image host answers a 1×1 PNG, its API a movie without a poster.
    const tmdbCalls: string[] = [];
    const pixel = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await context.route('https://image.tmdb.org/**', (route) => {
      tmdbCalls.push(route.request().url());
      return route.fulfill({ contentType: 'image/png', body: pixel });
    });
    await context.route('https://api.themoviedb.org/**', (route) => {
      tmdbCalls.push(route.request().url());
      return route.fulfill({ json: { poster_path: null } });
    });
    await page.goto(`${siteUrl}/movies/1`);
    const poster = page.locator('.movie-head img.poster');
    await poster.waitFor();
    const src = `https://image.tmdb.org/t/p/w342${TOY_STORY_TMDB.details.posterPath}`;
    expect(await poster.getAttribute('src')).toBe(src);
    expect(await poster.getAttribute('alt')).toMatch(/^Poster of Toy Story/);
    // The head's poster asked TMDB's API nothing (the similar cards may: they have no details).
    expect(tmdbCalls).toContain(src);
    expect(tmdbCalls.filter((url) => url.includes('/3/movie/862'))).toEqual([]);
    expect(errors.filter((e) => !e.startsWith('external request: https://'))).toEqual([]);
    await context.close();
  });
});
