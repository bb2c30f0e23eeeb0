import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, NodeResult, Result, RunOptions } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser.ts';
import { TOY_STORY_TMDB, withTmdbContent } from './toy-story-tmdb.ts';

const siteUrl = inject('siteUrl');

/** axe-core's browser bundle from node_modules: the audit needs no network. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), {
  encoding: 'utf8',
});

/** WCAG 2.1 levels A and AA: every rule axe has for them, none switched off. */
const WCAG_21_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

/**
 * Runs axe-core over the whole document as it is now. The source goes in through page.evaluate
 * (the DevTools protocol), which the page's Content-Security-Policy does not govern, so the app
 * keeps the policy it is deployed with.
 */
async function audit(page: Page): Promise<AxeResults> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (options) =>
      (globalThis as unknown as { axe: { run(options: RunOptions): Promise<AxeResults> } }).axe.run(
        options,
      ),
    WCAG_21_AA,
  );
}

/** One line per failing element: rule, impact, where, and what is wrong. */
function describeViolations(violations: Result[]): string[] {
  const where = (node: NodeResult) =>
    node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' | ');
  const what = (node: NodeResult) =>
    (node.failureSummary ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('; ')
      .replace(/^(.{240}).+$/, '$1…');
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}) at ${where(node)}: ${violation.help}. ${what(node)}`,
    ),
  );
}

interface Scenario {
  name: string;
  path: string;
  viewport?: { width: number; height: number };
  /** Runs before the page loads (e.g. routes that stand in for API answers). */
  prepare?: (page: Page) => Promise<void>;
  /** Brings the loaded page into each state worth auditing and calls `check` in each. */
  walk: (page: Page, check: (state: string) => Promise<void>) => Promise<void>;
}

/** Types into a movie search box and waits for its first hit; returns the box. */
async function searchFor(page: Page, label: string, typed: string): Promise<Locator> {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(typed);
  await page
    .getByRole('listbox', { name: `${label}: results` })
    .getByRole('option')
    .first()
    .waitFor();
  return box;
}

/**
 * Discover with three picks (one at a half star), their recommendations and the settings
 * opened on the profile they were saved to (its link and code shown, "forget me" asking to
 * confirm); then with search hits open, which cover part of the picks (audited before).
 */
async function walkDiscover(page: Page, check: (state: string) => Promise<void>): Promise<void> {
  for (const typed of ['matrx', 'toy stroy', 'godfathr']) {
    await (await searchFor(page, 'Search movies', typed)).press('Enter');
  }
  await page.getByRole('slider').first().press('ArrowLeft');
  const results = page.locator('#recommendations');
  await expect.poll(() => results.getAttribute('data-picks'), { timeout: 15_000 }).toBe('3');
  await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
  await results.locator('.because').first().waitFor();
  await page.locator('details.settings > summary').click();
  await page.locator('[data-rating-count="3"]').waitFor();
  await page.getByRole('button', { name: 'Show link and code' }).click();
  await page.getByRole('button', { name: 'Forget me' }).click();
  await page.getByRole('button', { name: 'Delete my profile' }).waitFor();
  await check('recommendations');
  await searchFor(page, 'Search movies', 'alien');
  await check('search results');
}

const DASHBOARD_CHARTS = [
  'rating-distribution',
  'ratings-per-year',
  'genres-over-time',
  'genre-treemap',
  'activity-heatmap',
  'user-activity',
  'movies-per-decade',
];

const SCENARIOS: Scenario[] = [
  { name: 'discover', path: '/', walk: walkDiscover },
  { name: 'discover-phone', path: '/', viewport: { width: 390, height: 844 }, walk: walkDiscover },
  {
    name: 'user',
    path: '/users/1',
    walk: async (page, check) => {
      await page.locator('#user-recommendations .prediction').first().waitFor();
      await (await searchFor(page, 'Movie to predict', 'heat')).press('Enter');
      await page.locator('.probe .prediction').waitFor();
      await check('recommendations and a prediction');
    },
  },
  {
    name: 'movie',
    path: '/movies/1',
    walk: async (page, check) => {
      await page.locator('#histogram .chart svg').waitFor();
      // A chart keeps the name the page gives it (ECharts' aria module would replace it).
      expect(await page.locator('#histogram .chart').getAttribute('aria-label')).toMatch(
        /^Rating distribution of Toy Story \(1995\): 0\.5 stars \d+, 1 stars \d+/,
      );
      await page.locator('#similar .card').first().waitFor();
      await check('details and similar movies');
    },
  },
  {
    name: 'movie-tmdb',
    path: '/movies/1',
    prepare: (page) => withTmdbContent(page, 1, TOY_STORY_TMDB),
    walk: async (page, check) => {
      await page.locator('#reviews .sentiment').first().waitFor();
      await check('TMDB details and reviews');
    },
  },
  {
    name: 'dashboard',
    path: '/dashboard',
    walk: async (page, check) => {
      for (const id of DASHBOARD_CHARTS) await page.locator(`#${id} .chart svg`).waitFor();
      await page.locator('#top-tags a').first().waitFor();
      for (const [label, typed] of [
        ['First movie to compare', 'heat'],
        ['Second movie to compare', 'alien'],
      ] as const) {
        await (await searchFor(page, label, typed)).press('Enter');
      }
      await expect.poll(() => page.locator('#compare .chart svg').count()).toBe(2);
      await check('charts and a comparison');
    },
  },
  {
    name: 'model',
    path: '/model',
    walk: async (page, check) => {
      await page.locator('#versions tbody tr').first().waitFor();
      await page
        .locator('#training-loss .chart svg')
        .or(page.getByText('No training curve was recorded'))
        .waitFor();
      await check('versions and loss curves');
    },
  },
  {
    name: 'not-found',
    path: '/no-such-page',
    walk: async (page, check) => {
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await check('not found');
    },
  },
];

describe.skipIf(!siteUrl)('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const browser = useBrowser();

  for (const theme of ['dark', 'light'] as const) {
    for (const scenario of SCENARIOS) {
      const name = `${scenario.name}-${theme}`;
      it(`${name}: no violations`, async () => {
        const { context, page, errors } = await openPage(browser(), siteUrl, scenario.viewport);
        // The theme as the header button leaves it: remembered in localStorage.
        await context.addInitScript(`localStorage.setItem('movierec.theme', '${theme}')`);
        await scenario.prepare?.(page);
        await page.goto(`${siteUrl}${scenario.path}`);
        expect(await page.evaluate<string>('document.documentElement.dataset.theme')).toBe(theme);
        const found: string[] = [];
        await scenario.walk(page, async (state) => {
          const { violations } = await audit(page);
          found.push(...describeViolations(violations).map((line) => `${state}: ${line}`));
          await screenshot(page, `a11y-${name}-${state.replaceAll(' ', '-')}`);
        });
        expect(found, `${name}: ${found.length} failing elements`).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
