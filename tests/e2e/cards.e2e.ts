import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, toDay } from '../../shared/dates';
import { cardOf, column, dragWithMouse, expectNoAxeViolations, login, newContext, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

const XSS = 'Livrables : https://github.com/exemple/p5 <script>window.__pwned = 1</script> <img src="x" onerror="window.__pwned = 2">';

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('[role="dialog"] img[onerror], [role="dialog"] script').count()).toBe(0);
}

describe('cards in a real browser', () => {
  it('lets a mentor file a defense 14+ days ahead, then drag it to Proposals; raw HTML in it stays inert', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    await page.getByRole('button', { name: 'New defense' }).click();
    const dialog = page.getByRole('dialog', { name: 'New defense' });
    await dialog.waitFor();
    const today = toDay(new Date());
    expect(await dialog.getByLabel('Defense date').getAttribute('min')).toBe(addDays(today, 14));
    await dialog.getByLabel('Learner').selectOption({ label: 'Dupont, Louis' });
    await dialog.getByLabel('Defense date').fill(addDays(today, 16));
    await dialog.getByLabel('Hour').fill('14:00');
    await dialog.getByLabel('Description').fill(XSS);
    await dialog.getByRole('button', { name: 'File the card' }).click();
    await cardOf(column(page, 'Drafts'), 'Louis Dupont').waitFor();
    // The new card opens; its description shows the markup as text, and nothing ran.
    const drawer = page.getByRole('dialog', { name: /Louis Dupont/ });
    await drawer.waitFor();
    await drawer.getByText('window.__pwned = 1', { exact: false }).first().waitFor();
    await expectInert(page);
    await drawer.getByRole('textbox', { name: /comment/i }).fill(XSS);
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await drawer.getByText('1 comment').waitFor();
    await expectInert(page);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await dragWithMouse(page, cardOf(column(page, 'Drafts'), 'Louis Dupont'), column(page, 'Proposals'));
    await cardOf(column(page, 'Proposals'), 'Louis Dupont').waitFor();
    await page.reload();
    await cardOf(column(page, 'Proposals'), 'Louis Dupont').waitFor();
  });

  it('refuses a date under 14 days in the form, saying why', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    await page.getByRole('button', { name: 'New defense' }).click();
    const dialog = page.getByRole('dialog', { name: 'New defense' });
    await dialog.getByLabel('Learner').selectOption({ label: 'Bonnet, Emma' });
    await dialog.getByLabel('Defense date').fill(addDays(toDay(new Date()), 5));
    await dialog.getByLabel('Hour').fill('10:00');
    await dialog.getByLabel('Description').fill('Livrables');
    await dialog.getByRole('button', { name: 'File the card' }).click();
    await dialog.getByText(/^Too close: the earliest date is/).waitFor();
    expect(await cardOf(column(page, 'Drafts'), 'Emma Bonnet').count()).toBe(0);
  });

  it('shows the card detail without accessibility violations, and assigns an evaluator from the ranked dialog', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    await cardOf(column(page, 'Proposals'), 'Lucas Roux').click();
    const drawer = page.getByRole('dialog', { name: /Lucas Roux/ });
    await drawer.waitFor();
    await drawer.getByText('The defense date is immovable', { exact: false }).first().waitFor();
    await expectNoAxeViolations(page, 'the card detail');
    await screenshot(page, 'card-detail-en');
    await drawer.getByRole('button', { name: /Assign evaluator/ }).click();
    const assign = page.getByRole('dialog', { name: 'Assign an evaluator' });
    await assign.getByRole('radio', { name: /Thomas Petit/ }).check();
    await assign.getByText('does not have evaluator status').first().waitFor();
    await assign.getByRole('button', { name: 'Assign Thomas Petit' }).click();
    await assign.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await cardOf(column(page, 'Assigned'), 'Lucas Roux').waitFor();
    await page.reload();
    await cardOf(column(page, 'Assigned'), 'Lucas Roux').waitFor();
  });
});
