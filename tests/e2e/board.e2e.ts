import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cardOf, column, dragWithMouse, expectNoAxeViolations, launchBrowser, login, newContext, screenshot, startRelais, type Relais } from './harness';

let relais: Relais;
let browser: Browser;
beforeAll(async () => {
  [relais, browser] = await Promise.all([startRelais(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await relais?.stop();
});

describe('the board in a real browser', () => {
  it('lets a manager move a card with the keyboard only, and the live region announces it', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, relais, 'manager@relais.test');
    const card = cardOf(column(page, 'Proposals'), 'Lucas Roux');
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await cardOf(column(page, 'Drafts'), 'Lucas Roux').waitFor();
    const announced = await page.locator('[id^="DndLiveRegion"]').allInnerTexts();
    expect(announced.join(' ')).toMatch(/Moved Lucas Roux to Drafts, position \d+ of \d+/);
    // The server kept it: a reload shows it in Drafts.
    await page.reload();
    await cardOf(column(page, 'Drafts'), 'Lucas Roux').waitFor();
  });

  it('snaps a forbidden drop back and shows the reason', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, relais, 'mentor@relais.test');
    const card = cardOf(column(page, 'Drafts'), 'Léa Martin');
    await dragWithMouse(page, card, column(page, 'Assigned'));
    await page.getByText('Only a manager can assign a card.').first().waitFor();
    await page.waitForTimeout(300);
    expect(await cardOf(column(page, 'Drafts'), 'Léa Martin').count()).toBe(1);
    expect(await cardOf(column(page, 'Assigned'), 'Léa Martin').count()).toBe(0);
  });

  it('lets a mentor drag a ready card from Drafts to Proposals with the mouse', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, relais, 'mentor@relais.test');
    await dragWithMouse(page, cardOf(column(page, 'Drafts'), 'Léa Martin'), column(page, 'Proposals'));
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
    await page.reload();
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
  });

  it('shows the school’s column names in French', async () => {
    const page = await (await newContext(browser, 'fr-FR')).newPage();
    await login(page, relais, 'manager@relais.test', 'fr');
    for (const name of ['Brouillons', 'Propositions de soutenances', 'Profil à mettre à jour', 'Attribuées', 'Terminées']) {
      await column(page, name).waitFor();
    }
    await screenshot(page, 'board-defenses-fr');
    await page.getByRole('navigation').getByRole('link', { name: 'Transferts de mentorés' }).click();
    await column(page, 'Propositions de transferts').waitFor();
    await screenshot(page, 'board-transfers-fr');
  });

  it('has no accessibility violations on either board, and is photographed in English', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, relais, 'manager@relais.test');
    await column(page, 'Drafts').waitFor();
    await expectNoAxeViolations(page, 'the defense board');
    await screenshot(page, 'board-defenses-en');
    await page.getByRole('navigation').getByRole('link', { name: 'Transfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transfers' }).waitFor();
    await column(page, 'Drafts').waitFor();
    await expectNoAxeViolations(page, 'the transfer board');
    await screenshot(page, 'board-transfers-en');
  });
});
