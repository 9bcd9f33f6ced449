import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, login, newContext, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('a new user', () => {
  it('sees the login page, with no accessibility violations', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await page.goto(env.relais.url);
    await page.getByRole('heading', { name: 'Sign in to Relais' }).waitFor();
    await expectNoAxeViolations(page, 'the login page');
    await screenshot(page, 'login-en');
  });

  it('is served the production build of the client, whatever built it', async () => {
    const html = await (await fetch(env.relais.url)).text();
    const entry = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const js = await (await fetch(new URL(entry!, env.relais.url))).text();
    // React's development build warns about list keys; its production build has no such text.
    expect(js.includes('should have a unique "key" prop'), 'the entry chunk holds React\'s development build').toBe(false);
    expect(js.length).toBeLessThan(600_000);
  });

  it('is told when the password is wrong', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await page.goto(env.relais.url);
    await page.getByLabel('Email').fill('manager@relais.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  });

  for (const email of ['manager@relais.test', 'mentor@relais.test', 'mentor2@relais.test', 'evaluator@relais.test']) {
    it(`signs in as ${email} and sees both boards with their five columns in order`, async () => {
      const page = await (await newContext(env.browser)).newPage();
      await login(page, env.relais, email);
      for (const board of ['Defenses', 'Transfers']) {
        await page.getByRole('navigation').getByRole('link', { name: board }).click();
        await page.getByRole('heading', { level: 1, name: board }).waitFor();
        await page.getByRole('heading', { level: 2, name: /^Drafts/ }).waitFor();
        const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
        const order = ['Drafts', 'Proposals', 'Profile to update', 'Assigned', 'Done'].map((name) => headings.findIndex((h) => h.startsWith(name)));
        expect(order.every((i) => i >= 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
      }
    });
  }
});
