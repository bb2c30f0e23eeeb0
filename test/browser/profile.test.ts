import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');
const apiUrl = inject('apiUrl');

/** Chromium reports each 4xx answer on the console; these tests cause some on purpose. */
const expected404or403 = (line: string) => /status of 40[34]/.test(line);

/** Adds the first hit for `typed`; returns its movie id. */
async function pick(page: Page, typed: string): Promise<number> {
  const search = page.getByRole('combobox', { name: 'Search movies' });
  await search.fill(typed);
  await page.getByRole('option').first().waitFor();
  const before = await page.locator('.pick').count();
  await search.press('Enter');
  await expect.poll(() => page.locator('.pick').count()).toBe(before + 1);
  return Number(await page.locator('.pick').first().getAttribute('data-movie-id'));
}

/** What the page keeps in localStorage under `key`. */
const stored = (page: Page, key: string) =>
  page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(key)})`);

const slider = (page: Page, movieId: number) =>
  page.locator(`.pick[data-movie-id="${movieId}"]`).getByRole('slider');

/** movieId → stars, as the pick list shows them. */
async function shownRatings(page: Page): Promise<Record<number, number>> {
  const shown: Record<number, number> = {};
  for (const item of await page.locator('.pick').all()) {
    const id = Number(await item.getAttribute('data-movie-id'));
    shown[id] = Number(await item.getByRole('slider').getAttribute('aria-valuenow'));
  }
  return shown;
}

/** Every change saved, and the profile's recommendations (not the browser's fallback) shown. */
async function settled(page: Page, picks: number): Promise<void> {
  const results = page.locator('#recommendations');
  await expect.poll(() => results.getAttribute('data-picks'), { timeout: 15_000 }).toBe(`${picks}`);
  await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
  expect(await results.getAttribute('data-source')).toMatch(/^(live|precomputed)$/);
  expect(await stored(page, 'movierec.pendingRatings')).toBeNull();
  expect(await page.locator('.unsaved').count()).toBe(0);
}

async function openSettings(page: Page): Promise<void> {
  if ((await page.locator('details.settings').getAttribute('open')) === null) {
    await page.locator('details.settings > summary').click();
  }
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
}

async function signInWithCode(page: Page, code: string): Promise<void> {
  await openSettings(page);
  await page.getByLabel('Use a sign-in code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!siteUrl)('Discover saves to a profile', () => {
  const browser = useBrowser();

  it('keeps ratings over a reload and on another browser with the sign-in code or link; "forget me" deletes them', async () => {
    // First browser: three picks, rated; the first pick creates the profile.
    const first = await openPage(browser(), siteUrl);
    await first.page.goto(siteUrl);
    await first.page.locator('#recommendations[data-kind="popular"] .card').first().waitFor();
    const ids = [
      await pick(first.page, 'toy stroy'),
      await pick(first.page, 'lion king'),
      await pick(first.page, 'aladin'),
    ];
    expect(new Set(ids).size).toBe(3);
    await slider(first.page, ids[0]!).press('End');
    await slider(first.page, ids[1]!).press('ArrowLeft');
    await slider(first.page, ids[2]!).press('2');
    const rated = { [ids[0]!]: 5, [ids[1]!]: 3.5, [ids[2]!]: 2 };
    await settled(first.page, 3);
    expect(await shownRatings(first.page)).toEqual(rated);

    // The profile in Settings, with its code.
    await openSettings(first.page);
    const profileId = (await first.page.locator('.profile-facts code').textContent()) ?? '';
    expect(profileId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect
      .poll(() => first.page.locator('[data-rating-count]').getAttribute('data-rating-count'))
      .toBe('3');
    await first.page.getByRole('button', { name: 'Show link and code' }).click();
    const code = await first.page.getByLabel('Sign-in code', { exact: true }).inputValue();
    const link = await first.page.getByLabel('Sign-in link').inputValue();
    expect(link).toBe(`${siteUrl}/#signin=${code}`);
    await screenshot(first.page, 'profile-settings');

    // The server has the ratings (what the page shows is not just its local copy).
    const auth = { authorization: `Bearer ${code}` };
    const saved = await fetch(`${apiUrl}/profiles/${profileId}/ratings`, { headers: auth });
    expect(saved.status).toBe(200);
    const { ratings } = (await saved.json()) as {
      ratings: { movieId: number; rating: number }[];
    };
    expect(Object.fromEntries(ratings.map((r) => [r.movieId, r.rating]))).toEqual(rated);

    // A reload shows them, and so does this browser once its local copy is gone.
    await first.page.reload();
    await expect.poll(() => first.page.locator('.pick').count()).toBe(3);
    expect(await shownRatings(first.page)).toEqual(rated);
    await first.page.evaluate("localStorage.removeItem('movierec.picks')");
    await first.page.reload();
    await expect.poll(() => first.page.locator('.pick').count()).toBe(3);
    expect(await shownRatings(first.page)).toEqual(rated);
    await settled(first.page, 3);

    // Another browser: a wrong code is refused, the right one brings the ratings.
    const second = await openPage(browser(), siteUrl);
    await second.page.goto(siteUrl);
    const wrong = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    await signInWithCode(second.page, wrong);
    await expect
      .poll(() => second.page.getByRole('alert').allTextContents())
      .toContain('That sign-in code matches no profile (it may have been forgotten).');
    expect(await second.page.locator('.pick').count()).toBe(0);
    await signInWithCode(second.page, code);
    await expect
      .poll(() => second.page.getByRole('status').allTextContents())
      .toContain('Signed in: 3 ratings loaded.');
    expect(await shownRatings(second.page)).toEqual(rated);
    await settled(second.page, 3);
    expect(await second.page.locator('.profile-facts code').textContent()).toBe(profileId);

    // A third one opens the sign-in link, which leaves the address bar at once.
    const third = await openPage(browser(), siteUrl);
    await third.page.goto(link);
    await expect.poll(() => third.page.locator('.pick').count()).toBe(3);
    expect(await shownRatings(third.page)).toEqual(rated);
    expect(third.page.url()).toBe(`${siteUrl}/`);
    expect(third.errors).toEqual([]);
    await third.context.close();

    // "Forget me" on the second browser, confirmed: the profile is deleted everywhere.
    await second.page.getByRole('button', { name: 'Forget me' }).click();
    await second.page.getByRole('button', { name: 'Delete my profile' }).click();
    await expect
      .poll(() => second.page.getByRole('status').allTextContents())
      .toContain('Your profile and its ratings are deleted.');
    expect(await second.page.locator('.pick').count()).toBe(0);
    expect(await stored(second.page, 'movierec.profile')).toBeNull();
    expect(await second.page.getByText('No profile yet').count()).toBe(1);
    const gone = await fetch(`${apiUrl}/profiles/${profileId}`, { headers: auth });
    expect(gone.status).toBe(404);
    expect(second.errors.filter((line) => !expected404or403(line))).toEqual([]);
    await second.context.close();

    // The first browser learns it on its next load and starts afresh.
    await first.page.reload();
    await expect.poll(() => first.page.locator('.pick').count()).toBe(0);
    await first.page.getByText(/Your profile no longer exists/).waitFor();
    expect(await stored(first.page, 'movierec.profile')).toBeNull();
    await first.page.locator('#recommendations[data-kind="popular"] .card').first().waitFor();
    expect(first.errors.filter((line) => !expected404or403(line))).toEqual([]);
    await first.context.close();
  });
});
