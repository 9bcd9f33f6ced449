/**
 * The board on a desktop (issue 14, item 3, and the notifications panel of item 2): at 1440 px
 * the five columns fit and the filters keep to one line, in both languages; in a narrow window
 * the page never scrolls sideways and the notifications panel stays on the screen. The
 * board's cards pass axe's Label in Name rule too (experimental in axe, so asked for by name).
 */
import { describe, expect, it } from 'vitest';
import { cardOf, column, expectNoAxeViolations, login, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('the board on a desktop', () => {
  for (const [locale, lang] of [['en-US', 'en'], ['fr-FR', 'fr']] as const) {
    it(`fits 1440 px: every column whole, the filters on one line (${lang})`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
      const page = await context.newPage();
      await login(page, env.relais, 'mentor@relais.test', lang);
      await cardOf(column(page, lang === 'fr' ? 'Terminées' : 'Done'), 'Louis Dupont').waitFor();
      const layout = await page.evaluate(() => {
        const board = document.querySelector('.board-columns')!;
        const last = Array.from(board.querySelectorAll('.board-column')).at(-1)!.getBoundingClientRect();
        const tops = new Set(Array.from(document.querySelectorAll('.board-filters > *')).map((el) => Math.round(el.getBoundingClientRect().top)));
        return { scrolls: board.scrollWidth > board.clientWidth, lastRight: Math.round(last.right) <= board.getBoundingClientRect().right, filterLines: tops.size, page: document.scrollingElement!.scrollWidth };
      });
      expect(layout).toEqual({ scrolls: false, lastRight: true, filterLines: 1, page: 1440 });
      await screenshot(page, `desktop-1440-${lang}`);
      await expectNoAxeViolations(page, `the board at 1440 px (${lang})`);
      const labelInName = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
          runOnly: { type: 'rule', values: ['label-content-name-mismatch'] },
        });
        return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
      });
      expect(labelInName, 'Label in Name').toEqual([]);
      await context.close();
    });
  }

  it('in a narrow window, the page does not scroll sideways and the notifications panel is on the screen', async () => {
    const context = await env.browser.newContext({ viewport: { width: 700, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await login(page, env.relais, 'mentor@relais.test');
    await cardOf(column(page, 'Drafts'), 'Léa Martin').waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBe(700);
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(700);
    await screenshot(page, 'desktop-700-notifications');
    await context.close();
  });
});
