import { describe, it } from 'vitest';
import { cardOf, column, login, newContext, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('two people on one board', () => {
  it('shows a manager’s move on a mentor’s board without a reload', async () => {
    const managerPage = await (await newContext(env.browser)).newPage();
    const mentorPage = await (await newContext(env.browser)).newPage();
    await login(managerPage, env.relais, 'manager@relais.test');
    await login(mentorPage, env.relais, 'mentor@relais.test');
    await cardOf(column(mentorPage, 'Proposals'), 'Manon Fournier').waitFor();
    // Let the mentor's live feed open before the move.
    await mentorPage.waitForTimeout(500);
    const navigations: string[] = [];
    mentorPage.on('framenavigated', (frame) => frame === mentorPage.mainFrame() && navigations.push(frame.url()));

    const card = cardOf(column(managerPage, 'Proposals'), 'Manon Fournier');
    await card.focus();
    await managerPage.keyboard.press('Space');
    await managerPage.waitForTimeout(150);
    await managerPage.keyboard.press('ArrowLeft');
    await managerPage.waitForTimeout(150);
    await managerPage.keyboard.press('Space');
    await cardOf(column(managerPage, 'Drafts'), 'Manon Fournier').waitFor();

    await cardOf(column(mentorPage, 'Drafts'), 'Manon Fournier').waitFor({ timeout: 5000 });
    await screenshot(mentorPage, 'live-mentor-sees-move');
    if (navigations.length > 0) throw new Error(`the mentor's page reloaded: ${navigations.join(', ')}`);
  });
});
