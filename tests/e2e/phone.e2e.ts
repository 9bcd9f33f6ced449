/**
 * A mentor on a phone (390×844, touch, French): signs in, files a defense, reads the
 * notifications, opens a card and moves one with « Déplacer vers… ». The page never scrolls
 * sideways (the board scrolls in its own area), and nothing of a dialog, a panel or a menu
 * lies outside the screen. A screenshot of each step (tests/e2e/screenshots/phone-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addDays, toDay } from '../../shared/dates';
import { cardOf, column, DEMO_PASSWORD, expectNoAxeViolations, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();
const WIDTH = 390;

/** The page itself is as wide as the screen: whatever is wider scrolls in its own area. */
async function expectNoPageScroll(page: Page, what: string) {
  const width = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(width, `page width on ${what}`).toEqual({ scroll: WIDTH, inner: WIDTH });
}

/** Every visible part of `scope` lies within the screen, left to right. */
export async function expectWithinScreen(scope: Locator, what: string) {
  await scope.waitFor();
  const outside = await scope.evaluate(async (root) => {
    // Where it comes to rest: once the opening animations (a drawer slides in) are over.
    const running = document.getAnimations().filter((a) => a.timeline === document.timeline && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    const width = window.innerWidth;
    const out: string[] = [];
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // Text that only screen readers get is clipped to nothing, wherever it sits.
      if (el.closest('.sr-only')) continue;
      if (box.left < -0.5 || box.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${String(el.className)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    return out;
  });
  expect(outside, `outside the screen on ${what}`).toEqual([]);
}

/** The manager comments on a card of the mentor's (through the API): the mentor has a notification to read. */
async function managerComments(learner: string, body: string) {
  const context = await env.browser.newContext();
  const api = context.request;
  const call = async (path: string, input?: unknown) => {
    const response = input === undefined
      ? await api.get(`${env.relais.url}/trpc/${path}`)
      : await api.post(`${env.relais.url}/trpc/${path}`, { data: input, headers: { 'X-Relais-Client': 'e2e' } });
    expect(response.status(), path).toBe(200);
    return ((await response.json()) as { result: { data: unknown } }).result.data;
  };
  await call('auth.login', { email: 'manager@relais.test', password: DEMO_PASSWORD });
  const board = (await call(`board.get?input=${encodeURIComponent(JSON.stringify({ boardId: 1 }))}`)) as { cards: { id: number; learnerId: number }[]; learners: { id: number; firstName: string; lastName: string }[] };
  const learnerId = board.learners.find((l) => `${l.firstName} ${l.lastName}` === learner)!.id;
  const card = board.cards.find((c) => c.learnerId === learnerId)!;
  await call('card.comment', { cardId: card.id, body });
  await context.close();
}

describe('on a phone, in French', () => {
  it('signs in, files a defense, reads the notifications, opens a card and moves one with the menu', async () => {
    await managerComments('Chloé Lefebvre', 'Pensez à joindre le lien vers le dépôt avant vendredi, merci !');
    const context = await env.browser.newContext({ viewport: { width: WIDTH, height: 844 }, hasTouch: true, isMobile: true, locale: 'fr-FR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    // The login page: quiet (nothing logged), every demo account listed, on one screen.
    await page.goto(`${env.relais.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (const email of ['manager@relais.test', 'mentor@relais.test', 'mentor2@relais.test', 'evaluator@relais.test']) await page.getByText(email, { exact: true }).waitFor();
    await expectNoPageScroll(page, 'the login page');
    await screenshot(page, 'phone-1-login');
    await expectNoAxeViolations(page, 'the login page on a phone');
    expect(errors, 'console errors on the login page').toEqual([]);

    await page.getByLabel('E-mail').fill('mentor@relais.test');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/boards\/\d+/);
    await cardOf(column(page, 'Brouillons'), 'Léa Martin').waitFor();
    await expectNoPageScroll(page, 'the board');
    await screenshot(page, 'phone-2-board');
    await expectNoAxeViolations(page, 'the board on a phone');

    // File a defense: the dialog is on the screen, all of it.
    await page.getByRole('button', { name: 'Nouvelle soutenance' }).tap();
    const form = page.getByRole('dialog', { name: 'Nouvelle soutenance' });
    await expectWithinScreen(form, 'the New-card dialog');
    await expectNoPageScroll(page, 'the New-card dialog');
    await form.getByLabel('Apprenant').selectOption({ label: 'Dupont, Louis' });
    await form.getByLabel('Date de soutenance').fill(addDays(toDay(new Date()), 16));
    await form.getByLabel('Heure').fill('14:00');
    await form.getByLabel('Description').fill('Livrables : dépôt Git, maquettes.');
    await screenshot(page, 'phone-3-new-defense');
    await expectNoAxeViolations(page, 'the New-card dialog on a phone');
    await form.getByRole('button', { name: 'Déposer la carte' }).tap();
    // The new card opens: the drawer fits the screen too.
    const filed = page.getByRole('dialog', { name: /Louis Dupont/ });
    await expectWithinScreen(filed, 'the new card');
    await screenshot(page, 'phone-4-new-card');
    await expectNoAxeViolations(page, 'the card drawer on a phone');
    await page.keyboard.press('Escape');
    await filed.waitFor({ state: 'hidden' });
    await cardOf(column(page, 'Brouillons'), 'Louis Dupont').waitFor();

    // The notifications: the panel lies on the screen, every line readable.
    await page.getByRole('button', { name: 'Notifications, 1 non lue' }).tap();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByRole('button', { name: /Chloé Lefebvre/ }).waitFor();
    await expectWithinScreen(panel, 'the notifications panel');
    await screenshot(page, 'phone-5-notifications');
    await expectNoAxeViolations(page, 'the notifications panel on a phone');
    // Reading it opens its card, on the screen as well.
    await panel.getByRole('button', { name: /Chloé Lefebvre/ }).tap();
    const commented = page.getByRole('dialog', { name: /Chloé Lefebvre/ });
    await expectWithinScreen(commented, 'the card of a notification');
    await commented.getByText('Pensez à joindre le lien').waitFor();
    await page.getByRole('button', { name: 'Notifications' }).waitFor();
    await page.keyboard.press('Escape');
    await commented.waitFor({ state: 'hidden' });

    // Open a card.
    await cardOf(column(page, 'Brouillons'), 'Léa Martin').tap();
    const drawer = page.getByRole('dialog', { name: /Léa Martin/ });
    await expectWithinScreen(drawer, 'a card');
    await screenshot(page, 'phone-6-card');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Move it with its menu (« Déplacer vers… » among the card's actions).
    const item = cardOf(column(page, 'Brouillons'), 'Léa Martin').locator('xpath=..');
    await item.getByRole('button', { name: 'Actions sur la carte' }).tap();
    const menu = page.getByRole('menu');
    await expectWithinScreen(menu, 'the Move to… menu');
    await screenshot(page, 'phone-7-move-menu');
    await menu.getByRole('menuitem', { name: /Propositions de soutenances/ }).tap();
    await cardOf(column(page, 'Propositions de soutenances'), 'Léa Martin').waitFor();
    await expectNoPageScroll(page, 'the board after the move');
    await screenshot(page, 'phone-8-moved');
    await context.close();
  });
});
