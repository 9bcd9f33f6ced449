/**
 * What every browser test needs: the real server (a child process, as `npm start` runs it)
 * on a fresh SQLite file with the demo seed, and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startRelais, type Relais } from '../helpers/process';

export { startRelais, type Relais };

const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(root, 'tests/e2e/screenshots');

/**
 * The server and the browser of one test file, started before its tests and stopped after:
 * each file has its own database, so its tests may change the demo data freely.
 */
export function serverAndBrowser(): { relais: Relais; browser: Browser } {
  const env = {} as { relais: Relais; browser: Browser };
  beforeAll(async () => {
    [env.relais, env.browser] = await Promise.all([startRelais(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.relais?.stop();
  });
  return env;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export async function newContext(browser: Browser, locale: 'en-US' | 'fr-FR' = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
}

export const DEMO_PASSWORD = 'relais-demo';

/** Signs in through the login form, as a person would, and waits for the board. */
export async function login(page: Page, relais: Relais, email: string, locale: 'en' | 'fr' = 'en') {
  await page.goto(`${relais.url}/`);
  await page.getByLabel(locale === 'fr' ? 'E-mail' : 'Email').fill(email);
  await page.getByLabel(locale === 'fr' ? 'Mot de passe' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: locale === 'fr' ? 'Se connecter' : 'Sign in' }).click();
  await page.waitForURL(/\/boards\/\d+/);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page against WCAG 2.1 A and AA; fails listing every violation. */
export async function expectNoAxeViolations(page: Page, what: string) {
  // Colours are judged as they settle: a dialog still fading in reads as low contrast.
  // (Finite ones: the live indicator's pulse never ends.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Evaluated over the DevTools protocol: the app's CSP rightly refuses injected <script> tags.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

/**
 * Drags `from` onto the column `to` with the mouse, in small steps as a hand would (dnd-kit
 * needs movement to start), and lets go once the board shows the card over that column.
 */
export async function dragWithMouse(page: Page, from: import('playwright-core').Locator, to: import('playwright-core').Locator, offsetY = 40) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + offsetY, { steps: 25 });
  await carriedOver(to);
  await page.mouse.up();
}

/** Waits until the card in hand is over `column` (the board marks that column). */
export async function carriedOver(column: import('playwright-core').Locator) {
  await column.and(column.page().locator('.board-column-over')).waitFor({ state: 'attached' });
}

/** Waits until a card is picked up: the columns say whether they take it. */
export async function pickedUp(page: Page) {
  await page.locator('.board-column-dragging').first().waitFor({ state: 'attached' });
}

/** Waits until no card is in hand any more: the drop (or the cancel) is over. */
export async function dropped(page: Page) {
  await page.locator('.board-column-dragging').first().waitFor({ state: 'detached' });
}

/** Waits until the board's live feed is open: from then on, what others do shows as it happens. */
export async function liveFeedOpen(page: Page) {
  await page.locator('.live-status[data-state="live"]').waitFor({ state: 'attached' });
}

/** A board column, found as a person finds it: the region named after its heading. */
export function column(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

/** The card of a learner, by the start of its accessible name. */
export function cardOf(scope: Page | import('playwright-core').Locator, learner: string) {
  return scope.getByRole('button', { name: new RegExp(`^${learner}`) });
}
