import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { carriedOver, cardOf, column, login, pickedUp, serverAndBrowser } from './harness';

const env = serverAndBrowser();

/** The page's next frame: a finger moves once a frame, as the screen refreshes. */
const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

/**
 * A finger on the screen (the DevTools protocol's touch events): press, then, with `onto`,
 * hold until the card is picked up and slide onto that column before lifting; without it,
 * slide at once (a swipe).
 */
async function dragWithFinger(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, onto?: Locator) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: { x: number; y: number }) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at ? [{ x: Math.round(at.x), y: Math.round(at.y) }] : [] });
  await touch('touchStart', from);
  if (onto) await pickedUp(page);
  const steps = 20;
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
    await nextFrame(page);
  }
  if (onto) await carriedOver(onto);
  await touch('touchEnd');
}

const centre = (box: { x: number; y: number; width: number; height: number }) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

describe('the board on a touch screen', () => {
  it('moves a card after a press and hold, and a quick swipe drags nothing', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'en-US' });
    const page = await context.newPage();
    await login(page, env.relais, 'mentor@relais.test');
    const card = cardOf(column(page, 'Drafts'), 'Léa Martin');
    const target = { x: centre((await column(page, 'Proposals').boundingBox())!).x, y: (await column(page, 'Proposals').boundingBox())!.y + 60 };

    // No hold: the finger scrolls; the card stays where it is.
    await dragWithFinger(page, centre((await card.boundingBox())!), target);
    // Whatever the swipe did has been drawn.
    await nextFrame(page);
    await nextFrame(page);
    expect(page.url()).toMatch(/\/boards\/\d+$/); // and the swipe did not go back a page
    expect(await cardOf(column(page, 'Drafts'), 'Léa Martin').count()).toBe(1);

    await dragWithFinger(page, centre((await card.boundingBox())!), target, column(page, 'Proposals'));
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
    await page.reload();
    await cardOf(column(page, 'Proposals'), 'Léa Martin').waitFor();
    await context.close();
  });
});
