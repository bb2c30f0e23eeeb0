import { describe, expect, inject, it } from 'vitest';
import { SITE_CONTENT_SECURITY_POLICY } from '../../lib/web-stack.ts';
import { openPage, screenshot, useBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');
const apiUrl = inject('apiUrl');

describe.skipIf(!siteUrl)('movie, dashboard and model pages', () => {
  const browser = useBrowser();

  it('movie page: statistics, a rendered histogram, similar movies and links', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    // A direct load of a deep link (the SPA rewrite serves index.html).
    await page.goto(`${siteUrl}/movies/1`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/Toy Story/);
    await page.locator('#histogram .chart svg').waitFor();
    expect(await page.locator('#histogram .chart svg path').count()).toBeGreaterThan(5);
    const similar = page.getByRole('list', { name: 'Similar movies' }).getByRole('listitem');
    await similar.first().waitFor();
    expect(await similar.count()).toBeGreaterThanOrEqual(5);
    // Exact names: with TMDB reviews, each review links to TMDB too.
    const link = (name: string) => page.getByRole('link', { name, exact: true });
    expect(await link('IMDb (opens in a new tab)').getAttribute('href')).toBe(
      'https://www.imdb.com/title/tt0114709/',
    );
    expect(await link('TMDB (opens in a new tab)').getAttribute('href')).toBe(
      'https://www.themoviedb.org/movie/862',
    );
    expect(await page.locator('.stats dd').first().textContent()).toMatch(/^\d[\d,]*$/);
    await screenshot(page, 'movie-1');

    // Client-side navigation to a similar movie.
    const next = await similar.first().getByRole('link').textContent();
    await similar.first().getByRole('link').click();
    await expect.poll(() => heading.textContent()).toBe(next);
    await page.locator('#histogram .chart svg').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('dashboard: every chart rendered, top lists and a two-movie comparison', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(`${siteUrl}/dashboard`);
    for (const id of [
      'rating-distribution',
      'ratings-per-year',
      'genres-over-time',
      'genre-treemap',
      'activity-heatmap',
    ]) {
      await page.locator(`#${id} .chart svg`).waitFor();
      expect(await page.locator(`#${id} .chart svg path`).count(), id).toBeGreaterThan(3);
    }
    // Profile ratings written since the live version's ingest (docs/retraining.md).
    expect(await page.locator('#collected-since-training').textContent()).toMatch(
      /^[\d,]+ ratings collected from visitors since this version was trained$/,
    );
    await page.getByLabel('Average rating').check();
    await page.locator('#genres-over-time .chart svg').waitFor();
    for (const id of ['top-bayesian', 'top-count', 'top-tags']) {
      expect(await page.locator(`#${id} a`).count(), id).toBeGreaterThanOrEqual(3);
    }

    for (const [label, typed] of [
      ['First movie to compare', 'heat'],
      ['Second movie to compare', 'alien'],
    ] as const) {
      const search = page.getByRole('combobox', { name: label });
      await search.fill(typed);
      await page
        .locator(`#${await search.getAttribute('aria-controls')} [role=option]`)
        .first()
        .waitFor();
      await search.press('Enter');
    }
    const sides = page.locator('#compare .compare-movie');
    await expect.poll(() => sides.count()).toBe(2);
    await expect.poll(() => page.locator('#compare .chart svg').count()).toBe(2);
    await screenshot(page, 'dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('model page: the live version, the metrics of every version and the loss curves', async () => {
    const model = (await (await fetch(`${apiUrl}/model`)).json()) as {
      version: string;
      versions: {
        version: string;
        lossHistory?: { rating: number[]; ranking: number[] };
        tuning?: Record<'rating' | 'ranking', { trials: unknown[]; best: { trial: number } }>;
      }[];
    };
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(`${siteUrl}/model`);
    await page.locator(`#live-model [data-version="${model.version}"]`).waitFor();
    const rows = page.locator('#versions tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.max(1, model.versions.length));
    expect(await page.locator('#versions thead').textContent()).toMatch(/RMSE/);
    expect(await rows.first().locator('td').first().textContent()).toMatch(/^\d+\.\d{4}$/);
    const live = model.versions.find((v) => v.version === model.version);
    const epochs =
      (live?.lossHistory?.rating.length ?? 0) + (live?.lossHistory?.ranking.length ?? 0);
    if (epochs > 0) {
      await page.locator('#training-loss .chart svg').waitFor();
      expect(await page.locator('#training-loss .chart svg path').count()).toBeGreaterThan(1);
    } else {
      await page.getByText('No training curve was recorded').waitFor();
    }
    // The live version's tuning trials (the e2e stack tunes 2 per model), the chosen marked.
    if (live?.tuning !== undefined) {
      for (const kind of ['rating', 'ranking'] as const) {
        const table = page.locator(`#tuning table[data-tuning="${kind}"]`);
        await expect
          .poll(() => table.locator('tbody tr').count())
          .toBe(live.tuning[kind].trials.length);
        const chosen = table.locator('tbody tr', { has: page.locator('.badge') });
        expect(await chosen.count()).toBe(1);
        expect(await chosen.locator('th').textContent()).toBe(
          `${live.tuning[kind].best.trial}chosen`,
        );
      }
    } else {
      await page.getByText('Tuning was off for this version').waitFor();
    }
    await screenshot(page, 'model');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('every page has one h1, a main landmark and a named navigation, and no console errors', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    for (const path of ['/', '/movies/318', '/dashboard', '/model', '/users/1', '/no-such-page']) {
      await page.goto(`${siteUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count(), path).toBe(1);
      expect(await page.getByRole('main').count(), path).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Main' }).count(), path).toBe(1);
      // The first Tab reaches the skip link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement?.textContent'), path).toBe(
        'Skip to content',
      );
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs under the Content-Security-Policy CloudFront sends (no violations)', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await context.route(`${siteUrl}/**`, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      if ((headers['content-type'] ?? '').includes('text/html')) {
        headers['content-security-policy'] = SITE_CONTENT_SECURITY_POLICY;
      }
      await route.fulfill({ response, headers });
    });
    for (const [path, ready] of [
      ['/', '#recommendations .card'],
      ['/movies/1', '#histogram .chart svg'],
      ['/dashboard', '#activity-heatmap .chart svg'],
      ['/model', '#versions tbody tr'],
    ] as const) {
      await page.goto(`${siteUrl}${path}`);
      await page.locator(ready).first().waitFor();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
