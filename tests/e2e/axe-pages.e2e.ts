/**
 * axe, every WCAG 2.1 A and AA rule, on the manager's pages, desktop and phone, in both
 * languages (issue 14, item 12). The board, its dialogs and panels are covered by
 * phone.e2e.ts and layout.e2e.ts.
 */
import { describe, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('axe on every page', () => {
  for (const [locale, lang] of [['en-US', 'en'], ['fr-FR', 'fr']] as const) {
    for (const phone of [false, true]) {
      it(`the manager's pages (${lang}, ${phone ? 'phone' : 'desktop'})`, async () => {
        const context = await env.browser.newContext(phone ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale } : { viewport: { width: 1440, height: 900 }, locale });
        const page = await context.newPage();
        await page.goto(`${env.relais.url}/`);
        await page.locator('#login-email').fill('manager@relais.test');
        await page.locator('#login-password').fill(DEMO_PASSWORD);
        await page.locator('.login-submit').click();
        await page.waitForURL(/\/boards\/\d+/);
        await page.locator('.board-card').first().waitFor();
        await expectNoAxeViolations(page, `the board (${lang})`);
        for (const path of ['/boards/2', '/mentors', '/settings', '/audit', '/accounts', '/account']) {
          await page.goto(`${env.relais.url}${path}`);
          await page.locator('main h1').first().waitFor();
          await page.locator('[aria-busy="true"], .board-skeleton').first().waitFor({ state: 'detached' });
          await expectNoAxeViolations(page, `${path} (${lang}, ${phone ? 'phone' : 'desktop'})`);
        }
        await context.close();
      });
    }
  }
});
