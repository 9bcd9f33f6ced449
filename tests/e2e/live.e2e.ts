import { describe, it } from 'vitest';
import { carriedOver, cardOf, column, dropped, liveFeedOpen, login, newContext, pickedUp, screenshot, serverAndBrowser } from './harness';

const env = serverAndBrowser();

describe('two people on one board', () => {
  it('shows a manager’s move on a mentor’s board without a reload', async () => {
    const managerPage = await (await newContext(env.browser)).newPage();
    const mentorPage = await (await newContext(env.browser)).newPage();
    await login(managerPage, env.relais, 'manager@relais.test');
    await login(mentorPage, env.relais, 'mentor@relais.test');
    await cardOf(column(mentorPage, 'Proposals'), 'Manon Fournier').waitFor();
    // The mentor's live feed is open before the move.
    await liveFeedOpen(mentorPage);
    const navigations: string[] = [];
    mentorPage.on('framenavigated', (frame) => frame === mentorPage.mainFrame() && navigations.push(frame.url()));

    const card = cardOf(column(managerPage, 'Proposals'), 'Manon Fournier');
    await card.focus();
    await managerPage.keyboard.press('Space');
    await pickedUp(managerPage);
    await managerPage.keyboard.press('ArrowLeft');
    await carriedOver(column(managerPage, 'Drafts'));
    await managerPage.keyboard.press('Space');
    await dropped(managerPage);
    await cardOf(column(managerPage, 'Drafts'), 'Manon Fournier').waitFor();

    await cardOf(column(mentorPage, 'Drafts'), 'Manon Fournier').waitFor({ timeout: 5000 });
    await screenshot(mentorPage, 'live-mentor-sees-move');
    if (navigations.length > 0) throw new Error(`the mentor's page reloaded: ${navigations.join(', ')}`);
  });
});
