/**
 * The audit trail in a real browser, on the real server: what sign-ins leave in it, a
 * manager reaching it by keyboard and filtering it, the page on a phone in French, who
 * does not see it, a lock-out worded by the login page, and "sign out everywhere" ending
 * the session of another browser.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, expectNoAxeViolations, login, newContext, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

/** The rows of the audit table, each as its text. */
async function auditRows(page: Page): Promise<string[]> {
  return page.locator('table.audit-table tbody tr').allInnerTexts();
}

/** Elements whose box reaches past the left or right edge of the viewport (1×1 screen-reader-only text aside). */
async function outsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
        found.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}] of ${width}`);
      }
    }
    if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return found;
  });
}

describe('the audit trail', () => {
  it('tells a locked-out person how long to wait, in their words, and the trail records the pause', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await page.goto(env.relais.url);
    // Five failures are free; the sixth locks the account for 15 s; the seventh is refused at once.
    for (let attempt = 1; attempt <= 7; attempt++) {
      await page.getByLabel('Email').fill('thomas.petit@relais.test');
      await page.getByLabel('Password').fill(`wrong-${attempt}`);
      const answered = page.waitForResponse((r) => r.url().includes('/trpc/auth.login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await answered).status()).toBe(attempt <= 6 ? 401 : 429);
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
    }
    const alert = page.getByRole('alert');
    expect(await alert.innerText()).toMatch(/^Too many sign-in attempts: for your security, signing in is paused\. Try again in 1[0-5] seconds\.$/);
    await screenshot(page, 'audit-login-paused-en');
    await page.context().close();
  });

  it('"sign out everywhere", confirmed in one browser, ends the session of another', async () => {
    const first = await (await newContext(env.browser)).newPage();
    const second = await (await newContext(env.browser)).newPage();
    await login(first, env.relais, 'evaluator@relais.test');
    await login(second, env.relais, 'evaluator@relais.test');

    await first.getByRole('button', { name: /: account$/ }).click();
    await first.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    const dialog = first.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByText('This ends your sessions on every device, this one included.').waitFor();
    // Cancel holds focus: a stray Enter signs no one out.
    await first.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
    // The dialog's entrance animation, finished (a state, not a delay).
    await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await screenshot(first, 'audit-sign-out-everywhere-confirm-en');
    await expectNoAxeViolations(first, 'the sign-out-everywhere confirmation');
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await first.getByRole('heading', { name: 'Sign in to Relais' }).waitFor();

    // The other browser still shows the board until it asks the server again.
    await second.reload();
    await second.getByRole('heading', { name: 'Sign in to Relais' }).waitFor();
    await first.context().close();
    await second.context().close();
  });

  it('is reached by a manager with the keyboard alone, shows their own sign-in, and filters by type', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    await page.getByRole('heading', { level: 1, name: 'Defenses' }).waitFor();

    // Tab from the top of the page to the Audit tab, then Enter.
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'A' && document.activeElement.textContent === 'Audit');
    }
    expect(reached, 'Tab reaches the Audit tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/audit$/);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.locator('table.audit-table tbody tr').first().waitFor();

    const rows = await auditRows(page);
    // Newest first: this very sign-in leads.
    expect(rows[0]).toContain('Signed in');
    expect(rows[0]).toContain('Camille Laurent');
    expect(rows[0]).toContain('manager@relais.test');
    expect(rows[0]).toMatch(/Headless Chrome \d+ on Linux|Chrome \d+ on Linux/);
    expect(rows[0]).toMatch(/just now|seconds? ago|now/);
    // What the earlier tests did is there too, in words.
    expect(rows.some((r) => r.includes('Signed out everywhere (2 sessions)') && r.includes('Nadia Haddad'))).toBe(true);
    expect(rows.some((r) => r.includes('Sign-ins paused for 15 s (account)') && r.includes('thomas.petit@relais.test'))).toBe(true);
    expect(rows.some((r) => r.includes('Failed sign-in (wrong password)'))).toBe(true);
    await expectNoAxeViolations(page, 'the audit page');

    // A mentor's capacity and the mandatory fields change (through the API, as the pages would):
    // both come back as sentences, with fields by their labels.
    await page.evaluate(async () => {
      const call = async (path: string, body?: unknown) => {
        const response = await fetch(`/trpc/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json', 'X-Relais-Client': 'e2e' }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return ((await response.json()) as { result: { data: unknown } }).result.data;
      };
      const mentors = (await call('mentor.list')) as { id: number; email: string; capacity: number }[];
      const julien = mentors.find((m) => m.email === 'mentor@relais.test')!;
      await call('mentor.update', { mentorId: julien.id, capacity: julien.capacity + 2 });
      const { fields } = (await call('settings.mandatoryFields')) as { fields: string[] };
      await call('settings.setMandatoryFields', { fields: [...fields.filter((f) => f !== 'funding'), 'notes'] });
    });
    await page.reload();
    await page.locator('table.audit-table tbody tr').first().waitFor();
    const changed = await page.locator('table.audit-table tbody tr .audit-sentence').allInnerTexts();
    expect(changed.slice(0, 2)).toEqual(['Changed the mandatory fields: added notes; removed funding', 'Changed Julien Moreau’s profile: capacity 10 → 12']);
    await screenshot(page, 'audit-desktop-all-en');

    // Filter by type, with the keyboard too.
    await page.getByLabel('Event').focus();
    await page.getByLabel('Event').selectOption({ label: 'Failed sign-in' });
    await page.waitForFunction(() => {
      const texts = Array.from(document.querySelectorAll('table.audit-table tbody tr .audit-sentence')).map((el) => el.textContent ?? '');
      return texts.length > 0 && texts.every((t) => t.startsWith('Failed sign-in')) && !document.querySelector('.audit-wrap[aria-busy]');
    });
    const failed = await auditRows(page);
    // Six failures checked and recorded; the seventh was refused before any check.
    expect(failed).toHaveLength(6);
    expect(failed.every((r) => r.includes('thomas.petit@relais.test'))).toBe(true);
    await screenshot(page, 'audit-desktop-en');

    await page.getByLabel('Event').selectOption({ label: 'Sign-in' });
    await page.waitForFunction(() => {
      const texts = Array.from(document.querySelectorAll('table.audit-table tbody tr .audit-sentence')).map((el) => el.textContent ?? '');
      return texts.length > 0 && texts.every((t) => t === 'Signed in') && !document.querySelector('.audit-wrap[aria-busy]');
    });
    expect((await auditRows(page))[0]).toContain('Camille Laurent');
    await page.context().close();
  });

  it('fits a phone in French: nothing reaches past the screen’s edges, no accessibility violation', async () => {
    const context = await env.browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await login(page, env.relais, 'manager@relais.test', 'fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Audit' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    await page.locator('table.audit-table tbody tr').first().waitFor();
    expect((await auditRows(page))[0]).toContain('Connexion');
    expect(await outsideViewport(page)).toEqual([]);
    await screenshot(page, 'audit-phone-fr');
    await expectNoAxeViolations(page, 'the audit page on a phone, in French');

    // Further down, the cards stay within the screen too.
    await page.locator('.audit-foot').scrollIntoViewIfNeeded();
    expect(await outsideViewport(page)).toEqual([]);
    await screenshot(page, 'audit-phone-fr-foot');

    // The account menu opens within the screen as well.
    await page.getByRole('button', { name: /: compte$/ }).tap();
    await page.getByRole('menuitem', { name: 'Se déconnecter de partout' }).waitFor();
    expect(await outsideViewport(page)).toEqual([]);
    await screenshot(page, 'audit-phone-fr-account-menu');
    await context.close();
  });

  it('is not offered to a mentor', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Defenses' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    // Typed by hand, the address explains rather than shows anything.
    await page.goto(`${env.relais.url}/audit`);
    await page.getByText('The audit trail is read by the mentorship managers.').waitFor();
    expect(await page.locator('table.audit-table').count()).toBe(0);
    await page.context().close();
  });

  it('still signs in with the demo password after all this (the lock-out was the account’s only)', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await page.goto(env.relais.url);
    await page.getByLabel('Email').fill('mentor2@relais.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/boards\/\d+/);
    await page.context().close();
  });
});
