import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');

/** Types a (misspelt) title and picks a hit with the keyboard; returns the picked title. */
async function pickWithKeyboard(page: Page, typed: string, expected: RegExp): Promise<string> {
  const search = page.getByRole('combobox', { name: 'Search movies' });
  await search.fill(typed);
  const first = page.getByRole('option').first();
  await first.waitFor();
  await expect.poll(() => first.textContent()).toMatch(expected);
  // ↓ then ↑ moves the active option away and back; Enter adds it.
  await search.press('ArrowDown');
  const activeAfterDown = await search.getAttribute('aria-activedescendant');
  await search.press('ArrowUp');
  const activeAfterUp = await search.getAttribute('aria-activedescendant');
  expect(activeAfterDown).not.toBe(activeAfterUp);
  expect(activeAfterUp).toBe(await first.getAttribute('id'));
  const title = (await first.locator('.search-title').textContent()) ?? '';
  await search.press('Enter');
  await expect.poll(() => search.inputValue()).toBe('');
  return title;
}

describe.skipIf(!siteUrl)('Discover', () => {
  const browser = useBrowser();

  it('picks misspelt titles with the keyboard, rates them and shows recommendations with reasons', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(siteUrl);
    // Nothing picked: the popular movies.
    await expect
      .poll(() => page.locator('#recommendations').getAttribute('data-kind'))
      .toBe('popular');
    expect(await page.locator('#recommendations .card').count()).toBeGreaterThan(0);

    const picked = [
      await pickWithKeyboard(page, 'matrx', /matrix/i),
      await pickWithKeyboard(page, 'toy stroy', /toy story/i),
      await pickWithKeyboard(page, 'godfathr', /godfather/i),
    ];
    const picks = page.getByRole('list', { name: 'Picked movies' }).getByRole('listitem');
    expect(await picks.count()).toBe(3);

    // Rate each with the star slider: End = 5 stars, ← = half a star less.
    const sliders = page.getByRole('slider');
    await sliders.nth(0).press('End');
    await sliders.nth(1).press('ArrowLeft');
    await sliders.nth(2).press('2');
    expect(await sliders.nth(0).getAttribute('aria-valuenow')).toBe('5');
    expect(await sliders.nth(1).getAttribute('aria-valuenow')).toBe('3.5');
    expect(await sliders.nth(2).getAttribute('aria-valuenow')).toBe('2');

    const results = page.locator('#recommendations');
    await expect.poll(() => results.getAttribute('data-picks'), { timeout: 15_000 }).toBe('3');
    await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
    const cards = results.locator('.card');
    expect(await cards.count()).toBeGreaterThanOrEqual(5);
    const reasons = await results.locator('.because').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    // Every reason names movies that were picked.
    const pickedTitles = picked.map((t) => t.replace(/\s*\(\d{4}\)$/, '').toLowerCase());
    for (const reason of reasons) {
      expect(reason).toMatch(/^Because you rated /);
      expect(pickedTitles.some((t) => reason.toLowerCase().includes(t.slice(0, 8)))).toBe(true);
    }
    // No picked movie is recommended back.
    const recommended = await results.locator('.card-title').allTextContents();
    for (const title of picked) expect(recommended).not.toContain(title);
    await screenshot(page, 'discover-recommendations');

    // The picks and ratings survive a reload (saved to the visitor's profile).
    await page.reload();
    await expect.poll(() => picks.count()).toBe(3);
    expect(await page.getByRole('slider').nth(0).getAttribute('aria-valuenow')).toBe('5');

    // A genre filter narrows the recommendations to that genre.
    await page.getByLabel('Genre').first().selectOption('Comedy');
    await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
    await expect
      .poll(async () => {
        const genres = await results.locator('.card-genres').allTextContents();
        return genres.length > 0 && genres.every((g) => g.includes('Comedy'));
      })
      .toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at phone width (375 px) without horizontal scrolling', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl, {
      width: 375,
      height: 812,
    });
    await page.goto(siteUrl);
    await page.locator('#recommendations .card').first().waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'discover-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('starts dark and remembers the light theme', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(siteUrl);
    const theme = () => page.evaluate<string>('document.documentElement.dataset.theme');
    expect(await theme()).toBe('dark');
    await page.getByRole('button', { name: /light theme/i }).click();
    expect(await theme()).toBe('light');
    await page.reload();
    expect(await theme()).toBe('light');
    await screenshot(page, 'discover-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a known user’s recommendations with predicted ratings and their parts', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(siteUrl);
    await page.getByLabel(/MovieLens user/).fill('1');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/users\/1$/);
    await page.locator('#user-recommendations .card').first().waitFor();
    await page.locator('#user-recommendations .prediction').first().waitFor();
    const parts = await page.locator('#user-recommendations .prediction').first().textContent();
    expect(parts).toMatch(
      /Predicted \d\.\d\d ★ = μ \d\.\d\d b_u [+−]\d\.\d\d b_i [+−]\d\.\d\d p·q [+−]\d\.\d\d/,
    );
    expect(await page.locator('[data-cold-start]').count()).toBe(0);
    await screenshot(page, 'user-1');

    // An id no one has: cold start, flagged.
    await page.goto(`${siteUrl}/users/2000000000`);
    await page.locator('[data-cold-start]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
