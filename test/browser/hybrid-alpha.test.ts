import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');

const titles = (page: Page, list: string) => page.locator(`${list} .card-title`).allTextContents();

describe.skipIf(!siteUrl)('the collaborative ↔ content control', () => {
  const browser = useBrowser();

  it("switches a movie's similar list between collaborative and content neighbours", async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(`${siteUrl}/movies/1`);
    const similar = page.locator('#similar');
    await similar.locator('.card').first().waitFor();
    const before = await titles(page, '#similar');
    const control = page.getByRole('slider', { name: 'Collaborative ↔ content' });
    await control.press('Home'); // alpha 0: content only
    await expect.poll(() => titles(page, '#similar')).not.toEqual(before);
    expect(await similar.locator('output').textContent()).toBe('0% collaborative, 100% content');
    await screenshot(page, 'movie-similar-content');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("changes the Discover recommendations at once, through the visitor's profile", async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    await page.goto(siteUrl);
    const control = page.getByRole('slider', { name: 'Collaborative ↔ content' });
    expect(await control.isDisabled()).toBe(true); // nothing picked: the popular list
    const search = page.getByRole('combobox', { name: 'Search movies' });
    await search.fill('toy story');
    await page.getByRole('option').first().waitFor();
    await search.press('Enter');
    const results = page.locator('#recommendations');
    await expect.poll(() => results.getAttribute('data-picks'), { timeout: 15_000 }).toBe('1');
    // Saved to the visitor's profile: the list is the profile's (GET /profiles/{id}/recommendations).
    await expect.poll(() => results.getAttribute('data-source'), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
    const before = await titles(page, '#recommendations');
    const asked = page.waitForRequest(/\/api\/profiles\/[\w-]+\/recommendations\?.*alpha=0/);
    await control.press('Home');
    await asked; // the profile's list at alpha 0, not the picks folded in by POST /recommendations
    await expect.poll(() => titles(page, '#recommendations')).not.toEqual(before);
    expect(await results.getAttribute('data-source')).toBe('live');
    expect(errors).toEqual([]);
    await context.close();
  });
});
