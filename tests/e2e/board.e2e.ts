import { describe, expect, it } from 'vitest';
import { carriedOver, cardOf, column, dragWithMouse, dropped, expectNoAxeViolations, login, newContext, pickedUp, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('the board in a real browser', () => {
  it('lets a manager move a card with the keyboard only, and the live region announces it', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    const card = cardOf(column(page, 'Proposals'), 'Lucas Roux');
    await card.focus();
    await page.keyboard.press('Space');
    await pickedUp(page);
    await page.keyboard.press('ArrowLeft');
    await carriedOver(column(page, 'Drafts'));
    await page.keyboard.press('Space');
    await dropped(page);
    await cardOf(column(page, 'Drafts'), 'Lucas Roux').waitFor();
    // The drop is announced as asked for, then the outcome once the server has kept it.
    const announced = await page.locator('[id^="DndLiveRegion"]').allInnerTexts();
    expect(announced.join(' ')).toMatch(/Moving Lucas Roux to Drafts, position \d+ of \d+/);
    await page.locator('[data-board-moves]').filter({ hasText: /Moved Lucas Roux to Drafts, position \d+ of \d+/ }).waitFor({ state: 'attached' });
    // Focus stays on the card, in its new column, not on the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-column]')?.getAttribute('data-column'))).toBe('drafts');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Lucas Roux/);
    // The server kept it: a reload shows it in Drafts.
    await page.reload();
    await cardOf(column(page, 'Drafts'), 'Lucas Roux').waitFor();
  });

  it('announces a keyboard move the server refuses as refused, with its reason, and keeps focus on the card', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    // Hugo's profile lacks the funding: the rules let the card go back to Proposals, the server does not.
    const card = cardOf(column(page, 'Profile to update'), 'Hugo Durand');
    await card.focus();
    await page.keyboard.press('Space');
    await pickedUp(page);
    await page.keyboard.press('ArrowLeft');
    await carriedOver(column(page, 'Proposals'));
    await page.keyboard.press('Space');
    await dropped(page);
    const region = page.locator('[data-board-moves]');
    await region.filter({ hasText: /Hugo Durand was not moved to Proposals: .*profile/ }).waitFor({ state: 'attached' });
    expect(await region.innerText()).not.toMatch(/Moved Hugo Durand/);
    const announced = await page.locator('[id^="DndLiveRegion"]').allInnerTexts();
    expect(announced.join(' ')).not.toMatch(/Moved Hugo Durand/);
    await cardOf(column(page, 'Profile to update'), 'Hugo Durand').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName)).toMatch(/^Hugo Durand/);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-column]')?.getAttribute('data-column'))).toBe('profile_to_update');
  });

  it('asks before a handover, says what changes, and leaves the board scrolled where it was', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Transfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transfers' }).waitFor();
    const card = cardOf(column(page, 'Assigned'), 'Inès Muller');
    await card.waitFor();
    // Every box that can scroll sideways (the board, the page, the shell), where it is now.
    const scrolls = () =>
      page.evaluate(() => [document.scrollingElement, ...document.querySelectorAll('.board-columns, .shell-main, .board-page')].map((el) => (el ? Math.round(el.scrollLeft) : 0)));
    await dragWithMouse(page, card, column(page, 'Done'));
    const dialog = page.getByRole('dialog', { name: 'Hand Inès Muller over?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Inès Muller will move from .+ to .+: .+ becomes their mentor/);
    expect(await dialog.innerText()).toMatch(/gets a place back/);
    await screenshot(page, 'board-handover-confirm-en');
    const before = await scrolls();
    await dialog.getByRole('button', { name: 'Hand over' }).click();
    await page.getByText('Handover done: Inès Muller has their new mentor.').waitFor();
    await cardOf(column(page, 'Done'), 'Inès Muller').waitFor();
    await page.waitForTimeout(400);
    expect(await scrolls()).toEqual(before);
    // Not offered for undo: a handover is undone by another transfer, not by a click.
    expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(0);
  });

  it("lets the header's navigation be clicked while a card's detail is open", async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    await cardOf(column(page, 'Drafts'), 'Léa Martin').click();
    await page.waitForURL(/\/boards\/\d+\/cards\/\d+/);
    await page.getByRole('dialog').waitFor();
    // Where a person would click: the link's middle, wherever the drawer's backdrop lies.
    const link = (await page.locator('.shell-header nav').getByRole('link', { name: 'Learners', includeHidden: true }).boundingBox())!;
    await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
    await page.waitForURL(/\/learners$/);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('snaps a forbidden drop back and shows the reason', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    const card = cardOf(column(page, 'Drafts'), 'Léa Martin');
    // While the card is carried, the columns it may not enter are dimmed and say why; the others are not.
    const from = (await card.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12, { steps: 4 });
    const assigned = column(page, 'Assigned');
    await page.locator('[data-column="assigned"].board-column-refuses').waitFor();
    expect(await assigned.getAttribute('title')).toBe('Only a manager can assign a card.');
    expect(await assigned.getByRole('note').innerText()).toContain('Only a manager can assign a card.');
    const dimmed = await page.locator('[data-column="assigned"] .board-column-header').evaluate((el) => Number(getComputedStyle(el).opacity));
    expect(dimmed).toBeLessThan(1);
    expect(await page.locator('[data-column="proposals"]').getAttribute('class')).toContain('board-column-accepts');
    expect(await page.locator('[data-column="proposals"]').getAttribute('class')).not.toContain('board-column-refuses');
    await screenshot(page, 'board-drag-forbidden-en');
    const to = (await assigned.boundingBox())!;
    await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 25 });
    await carriedOver(assigned);
    await page.mouse.up();
    await dropped(page);
    await page.getByText('Only a manager can assign a card.').first().waitFor();
    await cardOf(column(page, 'Drafts'), 'Léa Martin').waitFor();
    expect(await cardOf(column(page, 'Drafts'), 'Léa Martin').count()).toBe(1);
    expect(await cardOf(column(page, 'Assigned'), 'Léa Martin').count()).toBe(0);
  });

  it('lets a mentor drag a ready card from Drafts to Proposals with the mouse', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    await dragWithMouse(page, cardOf(column(page, 'Drafts'), 'Léa Martin'), column(page, 'Proposals'));
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
    await page.reload();
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
  });

  it('shows the school’s column names in French from a French browser, and remembers a switch to English', async () => {
    const page = await (await newContext(env.browser, 'fr-FR')).newPage();
    await login(page, env.relais, 'manager@relais.test', 'fr');
    for (const name of ['Brouillons', 'Propositions de soutenances', 'Profil à mettre à jour', 'Attribuées', 'Terminées']) {
      await column(page, name).waitFor();
    }
    await screenshot(page, 'board-defenses-fr');
    await page.getByRole('navigation').getByRole('link', { name: 'Transferts de mentorés' }).click();
    await column(page, 'Propositions de transferts').waitFor();
    await screenshot(page, 'board-transfers-fr');
    // French came from the browser; English, once chosen, is remembered across a reload.
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await column(page, 'Proposals').waitFor();
    await page.reload();
    await column(page, 'Proposals').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('has no accessibility violations on either board, and is photographed in English', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
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
