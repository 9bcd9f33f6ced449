/**
 * A school moving in, in a real browser on the real server, from an empty database
 * (RELAIS_SEED=none): the setup page creates the first manager; the manager invites a
 * mentor and copies the link; the mentor sets a password through it (in French, on a
 * phone) and signs in, edits their profile and changes their password; the manager finds
 * them under Accounts and deactivates them; the mentor's session ends at once, and their
 * password no longer opens Relais. Each page by keyboard, in both languages, on a phone,
 * with axe, and a screenshot of each.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, screenshot, startRelais, type Relais } from './harness';

let relais: Relais;
let browser: Browser;
beforeAll(async () => {
  [relais, browser] = await Promise.all([startRelais({ RELAIS_SEED: 'none' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await relais?.stop();
});

const PHONE = { width: 390, height: 844 };
const MANAGER = { name: 'Camille Laurent', email: 'camille@ecole.test', password: 'le relais du matin' };
const MENTOR = { name: 'Julien Moreau', email: 'julien@ecole.test', password: 'trois mots suffisent', next: 'un autre mot de passe' };

async function phone(locale: 'en-US' | 'fr-FR') {
  const context = await browser.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true });
  return context.newPage();
}

/** Elements past the right edge of the screen, and whether the page scrolls sideways. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.right > width + 0.5 || box.left < -0.5) found.push(`${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className : ''} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
    if (document.documentElement.scrollWidth > width) found.push(`scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return found;
  });
}

/** Presses Tab until the focused element matches `name` (its accessible text), at most `max` times. */
async function tabTo(page: Page, name: RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''} ${(el as HTMLInputElement).labels?.[0]?.innerText ?? ''}` : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`could not reach ${name} by keyboard`);
}

describe('first run and accounts', () => {
  let manager: Page;
  let mentor: Page;
  let link = '';

  it('shows the setup page on an empty database, in French on a phone, without an axe violation', async () => {
    const page = await phone('fr-FR');
    await page.goto(relais.url);
    await page.getByRole('heading', { name: 'Configurer Relais' }).waitFor();
    await expectNoAxeViolations(page, 'the setup page (fr, phone)');
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'accounts-setup-fr-phone');
    await page.context().close();
  });

  it('creates the first manager by keyboard, who lands on Accounts; the setup is gone', async () => {
    manager = await (await newContext(browser)).newPage();
    await manager.goto(relais.url);
    await manager.getByRole('heading', { name: 'Set up Relais' }).waitFor();
    await expectNoAxeViolations(manager, 'the setup page (en)');
    await screenshot(manager, 'accounts-setup-en');
    await manager.getByLabel('Your name').focus();
    await manager.keyboard.type(MANAGER.name);
    await manager.keyboard.press('Tab');
    await manager.keyboard.type(MANAGER.email);
    await manager.keyboard.press('Tab');
    await manager.keyboard.type('password123');
    await manager.keyboard.press('Tab');
    await manager.keyboard.type('password123');
    await manager.keyboard.press('Enter');
    // The server refuses a common password, and says why.
    await manager.getByRole('alert').filter({ hasText: 'most common' }).waitFor();
    await manager.getByLabel('Password', { exact: true }).fill(MANAGER.password);
    await manager.getByLabel('Password again').fill(MANAGER.password);
    await manager.getByLabel('Password again').press('Enter');
    await manager.waitForURL(/\/accounts$/);
    await manager.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await manager.locator('table.accounts-table tbody tr').first().waitFor();
    expect(await manager.locator('table.accounts-table tbody tr').count()).toBe(1);
    const status = await (await fetch(`${relais.url}/trpc/setup.status`)).json();
    expect(status.result.data).toEqual({ needsSetup: false });
    const replay = await fetch(`${relais.url}/trpc/setup.createManager`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relais-client': 'e2e' },
      body: JSON.stringify({ name: 'Mallory', email: 'mallory@ecole.test', password: 'une autre longue phrase' }),
    });
    expect(replay.status).toBe(404);
  });

  it('invites a mentor by keyboard and shows the one-time link to copy', async () => {
    await tabTo(manager, /Invite someone/);
    await manager.keyboard.press('Enter');
    const dialog = manager.getByRole('dialog', { name: 'Invite someone' });
    await dialog.waitFor();
    await manager.keyboard.type(MENTOR.name);
    await manager.keyboard.press('Tab');
    await manager.keyboard.type(MENTOR.email);
    await dialog.getByLabel('Evaluator status (holds defenses)').check();
    await manager.waitForTimeout(250); // the dialog's entrance animation
    await expectNoAxeViolations(manager, 'the invite dialog');
    await screenshot(manager, 'accounts-invite-en');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    const linkDialog = manager.getByRole('dialog', { name: `Send this link to ${MENTOR.name}` });
    await linkDialog.waitFor();
    link = await linkDialog.getByLabel('Set-password link').inputValue();
    expect(link).toMatch(new RegExp(`^${relais.url}/set-password#[\\w-]{40,}$`));
    await expectNoAxeViolations(manager, 'the invitation link');
    await screenshot(manager, 'accounts-invite-link-en');
    await linkDialog.getByRole('button', { name: 'Close' }).click();
    const row = manager.locator('table.accounts-table tbody tr', { hasText: MENTOR.name });
    await row.getByText('Invited').waitFor();
    await expectNoAxeViolations(manager, 'the accounts page');
    await screenshot(manager, 'accounts-list-en');
  });

  it('the mentor sets a password through the link (French, phone) and signs in', async () => {
    mentor = await phone('fr-FR');
    await mentor.goto(link);
    await mentor.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    await expectNoAxeViolations(mentor, 'the set-password page (fr, phone)');
    expect(await overflow(mentor)).toEqual([]);
    await screenshot(mentor, 'accounts-set-password-fr-phone');
    await mentor.getByLabel('Nouveau mot de passe', { exact: true }).fill(MENTOR.password);
    await mentor.getByLabel('Nouveau mot de passe, à nouveau').fill(MENTOR.password);
    await mentor.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
    await mentor.waitForURL(/\/boards\/\d+/);
    // The link worked once.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await expectNoAxeViolations(again, 'the set-password page (en)');
    await again.getByLabel('New password', { exact: true }).fill('encore une phrase longue');
    await again.getByLabel('New password again').fill('encore une phrase longue');
    await again.getByRole('button', { name: 'Save and sign in' }).click();
    await again.getByRole('alert').filter({ hasText: 'does not work any more' }).waitFor();
    await again.context().close();
  });

  it('the mentor edits their profile and changes their password on My account (French, phone)', async () => {
    await mentor.goto(`${relais.url}/account`);
    await mentor.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await mentor.getByLabel('Capacité (apprenants à la fois)').fill('6');
    await mentor.getByRole('button', { name: 'Enregistrer' }).click();
    await mentor.getByText('Modifications enregistrées.').waitFor();
    await mentor.getByLabel('Mot de passe actuel').fill(MENTOR.password);
    await mentor.getByLabel('Nouveau mot de passe', { exact: true }).fill('azertyuiop');
    await mentor.getByLabel('Nouveau mot de passe, à nouveau').fill('azertyuiop');
    await mentor.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await mentor.getByRole('alert').filter({ hasText: 'plus courants' }).waitFor();
    await mentor.getByLabel('Nouveau mot de passe', { exact: true }).fill(MENTOR.next);
    await mentor.getByLabel('Nouveau mot de passe, à nouveau').fill(MENTOR.next);
    await mentor.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await mentor.getByText('Mot de passe changé.').waitFor();
    await mentor.getByText('Ce navigateur').waitFor();
    await expectNoAxeViolations(mentor, 'my account (fr, phone)');
    expect(await overflow(mentor)).toEqual([]);
    await mentor.getByRole('heading', { name: 'Mon compte', level: 1 }).scrollIntoViewIfNeeded();
    await mentor.waitForTimeout(5500); // the toasts go
    await screenshot(mentor, 'accounts-my-account-fr-phone');
    await mentor.getByRole('region', { name: 'Où vous êtes connecté' }).scrollIntoViewIfNeeded();
    await screenshot(mentor, 'accounts-my-account-sessions-fr-phone');
  });

  it('the manager sees the change on the mentor’s page, and deactivates them by keyboard; the mentor’s session ends at once', async () => {
    await manager.getByRole('link', { name: MENTOR.name }).click();
    await manager.getByRole('heading', { name: MENTOR.name, level: 1 }).waitFor();
    const history = manager.getByRole('region', { name: 'History' });
    await history.getByText('Changed their password').waitFor();
    await history.getByText(`Invited ${MENTOR.name}`).waitFor();
    await expectNoAxeViolations(manager, 'a person’s page');
    await screenshot(manager, 'accounts-person-en');
    await tabTo(manager, /^\s*Deactivate\s*$/);
    await manager.keyboard.press('Enter');
    const confirm = manager.getByRole('dialog', { name: `Deactivate ${MENTOR.name}?` });
    await confirm.waitFor();
    await manager.waitForTimeout(250);
    await expectNoAxeViolations(manager, 'the deactivation confirmation');
    await screenshot(manager, 'accounts-deactivate-en');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await manager.locator('.people-header').getByText('Deactivated').waitFor();

    // The mentor's next request finds their session gone.
    await mentor.reload();
    await mentor.getByRole('heading', { name: 'Connexion à Relais' }).waitFor();
    await mentor.getByLabel('E-mail').fill(MENTOR.email);
    await mentor.getByLabel('Mot de passe').fill(MENTOR.next);
    await mentor.getByRole('button', { name: 'Se connecter' }).click();
    await mentor.getByRole('alert').waitFor();
    expect(await mentor.getByRole('alert').innerText()).toMatch(/incorrect/i);
    await screenshot(mentor, 'accounts-deactivated-sign-in-fr-phone');
  });

  it('the accounts page and a person’s page read on a phone in French; a session ended from another browser', async () => {
    const page = await phone('fr-FR');
    await page.goto(relais.url);
    await page.getByLabel('E-mail').fill(MANAGER.email);
    await page.getByLabel('Mot de passe').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/boards\/\d+/);
    await page.goto(`${relais.url}/accounts`);
    await page.getByRole('heading', { name: 'Comptes', level: 1 }).waitFor();
    await page.getByText('Désactivé').waitFor();
    await expectNoAxeViolations(page, 'the accounts page (fr, phone)');
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'accounts-list-fr-phone');
    await page.getByRole('link', { name: MENTOR.name }).click();
    await page.getByRole('heading', { name: MENTOR.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Réactiver' }).waitFor();
    await expectNoAxeViolations(page, 'a person’s page (fr, phone)');
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, 'accounts-person-fr-phone');
    await page.goto(`${relais.url}/account`);
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'my account as a manager (fr, phone)');
    await screenshot(page, 'accounts-my-account-manager-fr-phone');

    // From the desktop, in English, the manager ends the phone's session by keyboard.
    await manager.goto(`${relais.url}/account`);
    await manager.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    const sessions = manager.getByRole('region', { name: 'Where you are signed in' });
    await sessions.getByText('This browser').waitFor();
    await sessions.getByRole('button', { name: /^End the session on / }).waitFor();
    await expectNoAxeViolations(manager, 'my account (en)');
    await screenshot(manager, 'accounts-my-account-en');
    await tabTo(manager, /End the session on/);
    await manager.keyboard.press('Enter');
    await manager.getByText('Session ended.').waitFor();
    await sessions.getByRole('button', { name: /^End the session on / }).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Connexion à Relais' }).waitFor();
    await page.context().close();
    await manager.context().close();
    await mentor.context().close();
  });
});
