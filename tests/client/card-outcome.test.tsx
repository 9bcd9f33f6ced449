import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { todayIso } from '../../client/lib/format';
import { useUi } from '../../client/stores/ui';
import { addDays } from '../../shared/dates';
import { baseHandlers, defenseCard, manager } from './cardFixtures';
import { renderWithApi } from './fakeApi';

function open(record: (input: { outcome: string; retakeDate?: string }) => unknown) {
  useUi.setState({ dialog: { kind: 'outcome', cardId: 42, boardId: 1 } });
  return renderWithApi(<CardDialogs />, {
    handlers: { ...baseHandlers(manager), 'card.get': () => defenseCard({ columnKey: 'assigned', evaluatorId: 3 }), 'card.recordOutcome': record },
  });
}

describe('the outcome dialog', () => {
  it('asks a failed defense for a retake at least 7 days ahead, with the same evaluator', async () => {
    const { calls } = open((input) => ({ card: defenseCard({ columnKey: 'done', outcome: 'failed' }), retakeCard: defenseCard({ id: 43, defenseDate: input.retakeDate }) }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the outcome' });
    await userEvent.click(await within(dialog).findByRole('radio', { name: 'Failed' }));
    const retake = within(dialog).getByLabelText('Retake date and hour');
    expect(retake).toHaveAttribute('type', 'datetime-local');
    expect(retake).toHaveAttribute('min', `${addDays(todayIso(), 7)}T00:00`);
    expect(retake).toHaveAccessibleDescription(/same evaluator \(Nadia Haddad\), at least 7 days ahead/);
    fireEvent.change(retake, { target: { value: `${addDays(todayIso(), 2)}T10:00` } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record and file the retake' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('at least 7 days ahead');
    expect(calls.some((c) => c.path === 'card.recordOutcome')).toBe(false);
    const day = addDays(todayIso(), 10);
    fireEvent.change(retake, { target: { value: `${day}T10:00` } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record and file the retake' }));
    await waitFor(() => expect(useUi.getState().dialog).toBeNull());
    expect(calls.find((c) => c.path === 'card.recordOutcome')?.input).toEqual({ cardId: 42, outcome: 'failed', retakeDate: new Date(`${day}T10:00`).toISOString() });
  });

  it('after a pass, offers to prepare a transfer for the learner', async () => {
    open(() => ({ card: defenseCard({ columnKey: 'done', outcome: 'passed' }), retakeCard: null }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the outcome' });
    await userEvent.click(await within(dialog).findByRole('radio', { name: 'Passed' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record outcome' }));
    const next = await screen.findByRole('dialog', { name: 'Léa Martin passed' });
    await userEvent.click(within(next).getByRole('button', { name: 'Prepare a transfer' }));
    expect(useUi.getState().dialog).toEqual({ kind: 'newCard', boardId: 2, learnerId: 7 });
  });
});
