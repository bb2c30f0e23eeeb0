import { createHash } from 'node:crypto';
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

    // "Try it out" on POST /recommendations: the page sends the SHA-256 of the body it sends,
    // which origin access control needs (docs/api.md); without it the answer would be 403.
    const recommend = page.locator('#operations-default-recommendAnonymous');
    await recommend.locator('.opblock-summary').click();
    await recommend.getByRole('button', { name: 'Try it out' }).click();
    await recommend
      .locator('textarea.body-param__text')
      .fill('{"ratings": [{"movieId": 1, "rating": 5}], "limit": 3}');
    const posted = page.waitForResponse((r) => r.url() === `${siteUrl}/api/recommendations`);
    await recommend.getByRole('button', { name: 'Execute' }).click();
    const answer = await posted;
    const body = answer.request().postData() ?? '';
    expect(answer.request().headers()['x-amz-content-sha256']).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    expect(answer.status(), await answer.text()).toBe(200);
    await screenshot(page, 'api-docs');

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
