import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { todayIso } from '../../client/lib/format';
import { useUi } from '../../client/stores/ui';
import { addDays } from '../../shared/dates';
import { earliestDate } from '../../shared/workflow/rules';
import { baseHandlers, defenseCard, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi, type Handlers } from './fakeApi';

const learners = [
  { id: 7, firstName: 'Léa', lastName: 'Martin', email: 'lea@x.fr', pathId: 1, currentProjectId: 11, mentorId: 2, funding: 'self', professionalGoal: 'Dev', availability: 'Soirs', timezone: 'Europe/Paris', rqth: false, notes: null, active: true, updatedAt: '2026-01-01T00:00:00.000Z', missingFields: [] },
  { id: 8, firstName: 'Hugo', lastName: 'Durand', email: 'hugo@x.fr', pathId: 1, currentProjectId: 10, mentorId: 2, funding: null, professionalGoal: null, availability: 'Samedi', timezone: 'Europe/Paris', rqth: false, notes: null, active: true, updatedAt: '2026-01-01T00:00:00.000Z', missingFields: ['funding', 'professionalGoal'] },
];

function open(me: typeof manager | typeof mentor, create: Handlers[string], dialog: { boardId: number; learnerId?: number } = { boardId: 1 }) {
  useUi.setState({ dialog: { kind: 'newCard', ...dialog } });
  return renderWithApi(<CardDialogs />, { handlers: { ...baseHandlers(me), 'learner.list': () => learners, 'card.create': create } });
}

describe('the new-card form', () => {
  it('refuses dates under 14 days in the picker itself and explains the earliest date', async () => {
    open(mentor, () => defenseCard());
    const dialog = await screen.findByRole('dialog', { name: 'New defense' });
    const date = within(dialog).getByLabelText('Defense date');
    expect(date).toHaveAttribute('type', 'date');
    expect(date).toHaveAttribute('min', earliestDate(todayIso()));
    expect(date).toHaveAccessibleDescription(/Defenses are filed at least 14 days ahead: the earliest date is/);
    expect(within(dialog).getByLabelText('Hour')).toHaveAttribute('type', 'time');
    // A mentor has no override.
    expect(within(dialog).queryByRole('checkbox', { name: /Override/ })).toBeNull();
  });

  it('stops a too-close date before asking the server', async () => {
    const { calls } = open(mentor, () => defenseCard());
    const dialog = await screen.findByRole('dialog', { name: 'New defense' });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Learner'), '7');
    fireEvent.change(within(dialog).getByLabelText('Defense date'), { target: { value: addDays(todayIso(), 3) } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'File the card' }));
    expect(within(dialog).getByLabelText('Defense date')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Defense date')).toHaveAccessibleDescription(/Too close: the earliest date is/);
    expect(calls.some((c) => c.path === 'card.create')).toBe(false);
  });

  it('files the defense with the learner’s current project and the date as an instant', async () => {
    const { calls } = open(mentor, () => defenseCard({ id: 77 }));
    const dialog = await screen.findByRole('dialog', { name: 'New defense' });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Learner'), '7');
    expect(within(dialog).getByLabelText('Project')).toHaveValue('11');
    const day = addDays(todayIso(), 18);
    fireEvent.change(within(dialog).getByLabelText('Defense date'), { target: { value: day } });
    fireEvent.change(within(dialog).getByLabelText('Hour'), { target: { value: '10:30' } });
    await userEvent.type(within(dialog).getByLabelText('Description'), 'Livrables : https://github.com/x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'File the card' }));
    await waitFor(() => expect(useUi.getState().dialog).toBeNull());
    expect(calls.find((c) => c.path === 'card.create')?.input).toEqual({
      boardId: 1,
      learnerId: 7,
      projectId: 11,
      description: 'Livrables : https://github.com/x',
      defenseDate: new Date(`${day}T10:30`).toISOString(),
    });
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/77');
  });

  it('shows the server’s refusal inline', async () => {
    open(mentor, () => {
      throw new Refusal('PRECONDITION_FAILED', 'A defense must be filed at least 14 days ahead: the earliest defense date is 2099-01-15.', { rule: 'lead_time' });
    });
    const dialog = await screen.findByRole('dialog', { name: 'New defense' });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Learner'), '7');
    fireEvent.change(within(dialog).getByLabelText('Defense date'), { target: { value: addDays(todayIso(), 15) } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'File the card' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A defense must be filed at least 14 days ahead');
    expect(useUi.getState().dialog).not.toBeNull();
  });

  it('lets a manager override the 14-day rule with a reason, sent to be recorded', async () => {
    const { calls } = open(manager, () => defenseCard({ id: 78 }));
    const dialog = await screen.findByRole('dialog', { name: 'New defense' });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Learner'), '8');
    expect(within(dialog).getByLabelText('Learner')).toHaveAccessibleDescription(/Profile incomplete \(funding, professional goal\)/);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Override the 14-day rule' }));
    expect(within(dialog).getByLabelText('Defense date')).not.toHaveAttribute('min');
    fireEvent.change(within(dialog).getByLabelText('Defense date'), { target: { value: addDays(todayIso(), 5) } });
    await userEvent.type(within(dialog).getByLabelText('Reason for the override'), 'Jury available only then');
    await userEvent.click(within(dialog).getByRole('button', { name: 'File the card' }));
    await waitFor(() => expect(calls.some((c) => c.path === 'card.create')).toBe(true));
    expect(calls.find((c) => c.path === 'card.create')?.input).toMatchObject({ override: true, overrideReason: 'Jury available only then' });
  });

  it('asks a transfer for its handover date, reason and description', async () => {
    const { calls } = open(mentor, () => defenseCard({ id: 90, boardId: 2 }), { boardId: 2, learnerId: 7 });
    const dialog = await screen.findByRole('dialog', { name: 'New transfer request' });
    await waitFor(() => expect(within(dialog).getByLabelText('Learner')).toHaveValue('7'));
    const date = within(dialog).getByLabelText('Handover date');
    expect(date).toHaveAttribute('min', earliestDate(todayIso()));
    const day = addDays(todayIso(), 20);
    fireEvent.change(date, { target: { value: day } });
    await userEvent.type(within(dialog).getByLabelText('Reason for the transfer'), 'Next project outside my skills');
    await userEvent.click(within(dialog).getByRole('button', { name: 'File the card' }));
    await waitFor(() => expect(calls.some((c) => c.path === 'card.create')).toBe(true));
    expect(calls.find((c) => c.path === 'card.create')?.input).toMatchObject({ boardId: 2, learnerId: 7, handoverDate: day, reason: 'Next project outside my skills' });
  });
});
