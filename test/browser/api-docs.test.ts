import { describe, expect, inject, it } from 'vitest';
import { SITE_CONTENT_SECURITY_POLICY } from '../../lib/web-stack.ts';
import { openPage, screenshot, useBrowser } from './browser.ts';

const siteUrl = inject('siteUrl');

describe.skipIf(!siteUrl)('API docs page (Swagger UI)', () => {
  const browser = useBrowser();

  it('renders every operation under the site CSP and tries one out same-origin', async () => {
    const { context, page, errors } = await openPage(browser(), siteUrl);
    // CloudFront adds the site's CSP to every response; the local stack does not.
    await context.route(`${siteUrl}/**`, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      if ((headers['content-type'] ?? '').includes('text/html')) {
        headers['content-security-policy'] = SITE_CONTENT_SECURITY_POLICY;
      }
      await route.fulfill({ response, headers });
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${siteUrl}/api-docs.html`);
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThanOrEqual(18);
    for (const path of ['/movies/{id}/similar', '/profiles/{profileId}/ratings/{movieId}']) {
      expect(await page.locator(`.opblock-summary-path[data-path="${path}"]`).count(), path).toBe(
        path === '/movies/{id}/similar' ? 1 : 2,
      );
    }

    // "Try it out" on GET /health calls this origin's /api.
    const health = page.locator('#operations-default-getHealth');
    await health.locator('.opblock-summary').click();
    await health.getByRole('button', { name: 'Try it out' }).click();
    const answered = page.waitForResponse((r) => r.url() === `${siteUrl}/api/health`);
    await health.getByRole('button', { name: 'Execute' }).click();
    expect((await answered).status()).toBe(200);
    await health.locator('.responses-table .response-col_status').first().waitFor();
    await screenshot(page, 'api-docs');

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
