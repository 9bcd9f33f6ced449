/** Issue 14, item 15: after a pass, a learner with an open transfer request is sent to it, not to a duplicate. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, defenseCard, manager } from './cardFixtures';
import { renderWithApi } from './fakeApi';

const passed = (openTransferCardId: number | null) => defenseCard({ columnKey: 'done', outcome: 'passed', evaluatorId: 3, openTransferCardId });

describe('"Prepare a transfer" after a pass', () => {
  it('opens the learner’s open transfer request instead of filing a duplicate', async () => {
    useUi.setState({ dialog: null });
    renderWithApi(<CardDetailDrawer cardId={42} boardId={1} onClose={() => {}} />, {
      handlers: { ...baseHandlers(manager), 'card.get': () => passed(77) },
      route: '/boards/1/cards/42',
    });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    expect(within(dialog).queryByRole('button', { name: 'Prepare a transfer' })).toBeNull();
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Open the transfer request' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/2/cards/77');
    expect(useUi.getState().dialog).toBeNull();
  });

  it('files a new request when there is none', async () => {
    useUi.setState({ dialog: null });
    renderWithApi(<CardDetailDrawer cardId={42} boardId={1} onClose={() => {}} />, {
      handlers: { ...baseHandlers(manager), 'card.get': () => passed(null) },
      route: '/boards/1/cards/42',
    });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Prepare a transfer' }));
    expect(useUi.getState().dialog).toEqual({ kind: 'newCard', boardId: 2, learnerId: 7 });
  });

  it('the outcome dialog, after recording a pass, offers the open request', async () => {
    useUi.setState({ dialog: { kind: 'outcome', cardId: 42, boardId: 1 } });
    let recorded = false;
    renderWithApi(<CardDialogs />, {
      handlers: {
        ...baseHandlers(manager),
        'card.get': () => (recorded ? passed(77) : defenseCard({ columnKey: 'assigned', evaluatorId: 3, defenseDate: '2026-01-01T14:00:00.000Z', openTransferCardId: 77 })),
        'card.recordOutcome': () => {
          recorded = true;
          return { card: passed(77), retakeCard: null };
        },
      },
      route: '/boards/1/cards/42',
    });
    const dialog = await screen.findByRole('dialog', { name: 'Record the outcome' });
    await userEvent.click(await within(dialog).findByRole('radio', { name: 'Passed' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record outcome' }));
    const next = await screen.findByRole('dialog', { name: 'Léa Martin passed' });
    await userEvent.click(within(next).getByRole('button', { name: 'Open the transfer request' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/boards/2/cards/77'));
    expect(useUi.getState().dialog).toBeNull();
  });
});
