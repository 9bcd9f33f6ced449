/**
 * A school's own people and cards, in Chromium (issue 15): a manager creates a path, a
 * project and a learner (the mentor is not qualified for the new project: an override with
 * its reason); the mentor files a defense for that learner, withdraws it with a reason,
 * files again; the board's Archived view shows the withdrawn card. The Learners and
 * catalogue pages by keyboard, in English and French, on a phone, with axe.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, toDay } from '../../shared/dates';
import { cardOf, column, expectNoAxeViolations, login, newContext, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();
const PHONE = { width: 390, height: 844 };

async function phone(locale: 'en-US' | 'fr-FR'): Promise<Page> {
  const context = await env.browser.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true });
  return context.newPage();
}

/** No horizontal scroll on the page: everything fits the phone's width. */
async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

describe('a school moves in: paths, projects, learners; withdrawing a card', () => {
  it('a manager creates a path, a project and a learner, by keyboard', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'manager@relais.test');
    await page.getByRole('link', { name: 'Paths & projects' }).click();
    await page.getByRole('heading', { name: 'Paths and projects' }).waitFor();
    await page.getByRole('button', { name: 'New path' }).focus();
    await page.keyboard.press('Enter');
    const newPath = page.getByRole('region', { name: 'New path' });
    await newPath.getByLabel('Code').fill('QA');
    await newPath.getByLabel('Name').fill('Testeur logiciel');
    await newPath.getByLabel('Name').press('Enter');
    const panel = page.getByRole('region', { name: /QA Testeur logiciel/ });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'New project in Testeur logiciel' }).click();
    const form = panel.getByRole('form', { name: 'New project in Testeur logiciel' });
    await form.getByLabel('Code').fill('QA-P1');
    await form.getByLabel('Title').fill('Planifiez une campagne de tests');
    await form.getByRole('button', { name: 'Create the project' }).click();
    await panel.getByText('Planifiez une campagne de tests').waitFor();
    await expectNoAxeViolations(page, 'the catalogue page');
    await screenshot(page, 'lifecycle-catalog-en');

    await page.getByRole('link', { name: 'Learners', exact: true }).click();
    await page.getByRole('heading', { name: 'Learners', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New learner' }).click();
    const dialog = page.getByRole('dialog', { name: 'New learner' });
    await dialog.getByLabel('First name').fill('Zoé');
    await dialog.getByLabel('Last name').fill('Testa');
    await dialog.getByLabel('Email (optional)').fill('zoe.testa@example.test');
    await dialog.getByLabel('Path').selectOption({ label: 'QA · Testeur logiciel' });
    await dialog.getByLabel('Current project').selectOption({ label: 'QA-P1 · Planifiez une campagne de tests' });
    const julien = await dialog.getByLabel('Mentor').locator('option', { hasText: 'Julien Moreau' }).getAttribute('value');
    await dialog.getByLabel('Mentor').selectOption(julien!);
    await dialog.getByText('Julien Moreau is not qualified for this project').waitFor();
    await expectNoAxeViolations(page, 'the new learner dialog');
    await screenshot(page, 'lifecycle-new-learner-en');
    await dialog.getByRole('checkbox', { name: /override/ }).check();
    await dialog.getByLabel('Why this mentor anyway').fill('Julien is learning the QA path with her');
    await dialog.getByRole('button', { name: 'Add the learner' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel('Search').fill('testa');
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Zoé Testa' }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Julien Moreau');
    expect(await row.textContent()).toMatch(/\d missing|Complete/);
    await expectNoAxeViolations(page, 'the Learners page');
    await screenshot(page, 'lifecycle-learners-en');
  });

  it('the mentor files a defense, withdraws it, files again; the Archived view shows the withdrawn card', async () => {
    const page = await (await newContext(env.browser)).newPage();
    await login(page, env.relais, 'mentor@relais.test');
    const day = addDays(toDay(new Date()), 20);
    const file = async () => {
      await page.getByRole('button', { name: 'New defense' }).click();
      const dialog = page.getByRole('dialog', { name: 'New defense' });
      await dialog.getByLabel('Learner').selectOption({ label: 'Testa, Zoé' });
      await dialog.getByLabel('Defense date').fill(day);
      await dialog.getByLabel('Hour').fill('10:00');
      await dialog.getByLabel('Description').fill('Plan de tests et rapport de campagne');
      await dialog.getByRole('button', { name: 'File the card' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await file();
    await cardOf(column(page, 'Drafts'), 'Zoé Testa').waitFor();
    const drawer = page.getByRole('dialog', { name: /Zoé Testa/ });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Withdraw…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Withdraw this card?' });
    await confirm.getByRole('button', { name: 'Withdraw the card' }).click();
    await confirm.getByText('Say why: the reason is recorded.').waitFor();
    await confirm.getByLabel('Reason').fill('Filed for the wrong date');
    await expectNoAxeViolations(page, 'the withdraw dialog');
    await confirm.getByRole('button', { name: 'Withdraw the card' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await drawer.getByText(/Withdrawn by Julien Moreau/).waitFor();
    await drawer.getByText('Reason: Filed for the wrong date').waitFor();
    await drawer.getByRole('button', { name: 'Restore' }).waitFor();
    await expectNoAxeViolations(page, 'a withdrawn card');
    await screenshot(page, 'lifecycle-withdrawn-card-en');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await cardOf(column(page, 'Drafts'), 'Zoé Testa').waitFor({ state: 'detached' });

    await file();
    await cardOf(column(page, 'Drafts'), 'Zoé Testa').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('checkbox', { name: 'Archived' }).check();
    const open = page.getByRole('button', { name: 'Open Zoé Testa’s card' });
    await open.waitFor();
    expect(await open.textContent()).toContain('Reason: Filed for the wrong date');
    expect(await open.textContent()).toContain('Withdrawn by Julien Moreau');
    await expectNoAxeViolations(page, 'the Archived view');
    await screenshot(page, 'lifecycle-archived-en');
    await open.click();
    await page.getByRole('dialog', { name: /Zoé Testa/ }).getByText(/Withdrawn by Julien Moreau/).waitFor();
  });

  for (const locale of ['en-US', 'fr-FR'] as const) {
    it(`the Learners and catalogue pages on a phone, in ${locale === 'fr-FR' ? 'French' : 'English'}, with axe`, async () => {
      const fr = locale === 'fr-FR';
      const page = await phone(locale);
      await login(page, env.relais, 'manager@relais.test', fr ? 'fr' : 'en');
      await page.goto(`${env.relais.url}/learners`);
      await page.getByRole('heading', { name: fr ? 'Apprenants' : 'Learners', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Zoé Testa' }).waitFor();
      await expectNoAxeViolations(page, `the Learners page (${locale}, phone)`);
      await expectFitsWidth(page);
      await screenshot(page, `lifecycle-learners-phone-${fr ? 'fr' : 'en'}`);
      await page.getByRole('button', { name: fr ? 'Désactiver Zoé Testa' : 'Deactivate Zoé Testa' }).click();
      const leave = page.getByRole('dialog', { name: fr ? 'Désactiver Zoé Testa' : 'Deactivate Zoé Testa' });
      await leave.getByRole('radio', { name: fr ? 'Fin de financement' : 'End of funding' }).waitFor();
      await expectNoAxeViolations(page, `the deactivate dialog (${locale}, phone)`);
      await screenshot(page, `lifecycle-deactivate-phone-${fr ? 'fr' : 'en'}`);
      await page.keyboard.press('Escape');
      await leave.waitFor({ state: 'hidden' });

      await page.goto(`${env.relais.url}/catalog`);
      await page.getByRole('heading', { name: fr ? 'Parcours et projets' : 'Paths and projects', level: 1 }).waitFor();
      await page.getByText('QA-P1').first().waitFor();
      await expectNoAxeViolations(page, `the catalogue page (${locale}, phone)`);
      await expectFitsWidth(page);
      await screenshot(page, `lifecycle-catalog-phone-${fr ? 'fr' : 'en'}`);
    });
  }
});
