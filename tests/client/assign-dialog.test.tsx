import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, boardData, defenseCard } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

const RANKED = [
  { mentorId: 3, name: 'Nadia Haddad', eligible: true, reasons: [], reasonCodes: [] },
  { mentorId: 4, name: 'Thomas Petit', eligible: true, reasons: [], reasonCodes: [] },
  { mentorId: 5, name: 'Sophie Bernard', eligible: false, reasons: ['does not have evaluator status', 'is not qualified for this project'], reasonCodes: ['not_evaluator', 'not_qualified'] },
  { mentorId: 2, name: 'Julien Moreau', eligible: false, reasons: ["is the learner's own mentor"], reasonCodes: ['is_learners_mentor'] },
];

beforeEach(() => useUi.setState({ dialog: { kind: 'assign', cardId: 42, boardId: 1 } }));

function open(assign: (input: { cardId: number; evaluatorId: number }) => unknown) {
  const upcoming = defenseCard({ id: 60, columnKey: 'assigned', evaluatorId: 3, defenseDate: '2099-01-01T10:00:00.000Z' });
  return renderWithApi(<CardDialogs />, {
    handlers: {
      ...baseHandlers(),
      'board.get': () => boardData([defenseCard(), upcoming]),
      'card.get': () => defenseCard(),
      'card.eligibleEvaluators': () => RANKED,
      'card.assignEvaluator': assign,
    },
  });
}

describe('the assign dialog', () => {
  it('lists eligible evaluators first, as ranked, with their load; the others greyed with their reasons', async () => {
    open(() => defenseCard({ columnKey: 'assigned', evaluatorId: 4 }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign an evaluator' });
    const radios = await within(dialog).findAllByRole('radio');
    expect(radios.map((r) => r.closest('li')?.querySelector('.candidate-name')?.textContent)).toEqual(['Nadia Haddad', 'Thomas Petit']);
    expect(within(dialog).getByRole('radio', { name: /Nadia Haddad/ })).toBeChecked();
    await waitFor(() => expect(within(dialog).getByRole('radio', { name: /Nadia Haddad/ })).toHaveFocus());
    expect(within(dialog).getByRole('radio', { name: /Nadia Haddad/ })).toHaveAccessibleName(/1 upcoming defense/);
    expect(within(dialog).getByRole('radio', { name: /Thomas Petit/ })).toHaveAccessibleName(/No upcoming defense/);
    const ineligible = within(dialog).getByRole('region', { name: '2 not eligible' });
    expect(within(ineligible).queryAllByRole('radio')).toHaveLength(0);
    expect(ineligible).toHaveTextContent('Sophie Bernard');
    expect(ineligible).toHaveTextContent('does not have evaluator status · is not qualified for this project');
    expect(ineligible).toHaveTextContent('is the learner’s own mentor');
  });

  it('assigns the evaluator chosen, then closes and says so', async () => {
    const { calls } = open(() => defenseCard({ columnKey: 'assigned', evaluatorId: 4 }));
    await userEvent.click(await screen.findByRole('radio', { name: /Thomas Petit/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Assign Thomas Petit' }));
    await waitFor(() => expect(useUi.getState().dialog).toBeNull());
    expect(calls.find((c) => c.path === 'card.assignEvaluator')?.input).toEqual({ cardId: 42, evaluatorId: 4 });
    expect(useUi.getState().toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Thomas Petit will evaluate Léa Martin’s defense.' });
  });

  it('shows a refusal once, in the dialog (no toast), naming missing profile fields, and refreshes the board', async () => {
    const toasts = useUi.getState().toasts.length;
    const { calls } = open(() => {
      throw new Refusal('PRECONDITION_FAILED', "The learner's profile is missing: funding, professional goal.", {
        rule: 'profile_incomplete',
        missingFields: ['funding', 'professionalGoal'],
      });
    });
    await screen.findAllByRole('radio');
    const boardReads = calls.filter((c) => c.path === 'board.get').length;
    await userEvent.click(screen.getByRole('button', { name: 'Assign Nadia Haddad' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("The learner's profile is missing: funding, professional goal.");
    expect(alert).toHaveTextContent('The card moved to Profile to update. Its mentor has been notified.');
    expect(alert.textContent!.match(/funding/g)).toHaveLength(1);
    expect(within(alert).getByRole('link', { name: 'Update Léa Martin’s profile' })).toHaveAttribute('href', '/learners/7');
    expect(useUi.getState().dialog).not.toBeNull();
    expect(useUi.getState().toasts.filter((t) => t.kind === 'error')).toHaveLength(0);
    expect(useUi.getState().toasts.length).toBe(toasts);
    await waitFor(() => expect(calls.filter((c) => c.path === 'board.get').length).toBeGreaterThan(boardReads));
  });

  it('does not say the card moved when it was already in Profile to update', async () => {
    renderWithApi(<CardDialogs />, {
      handlers: {
        ...baseHandlers(),
        'card.get': () => defenseCard({ columnKey: 'profile_to_update' }),
        'card.eligibleEvaluators': () => RANKED,
        'card.assignEvaluator': () => {
          throw new Refusal('PRECONDITION_FAILED', "The learner's profile is missing: funding.", { rule: 'profile_incomplete', missingFields: ['funding'] });
        },
      },
    });
    await screen.findAllByRole('radio');
    await userEvent.click(screen.getByRole('button', { name: 'Assign Nadia Haddad' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("The learner's profile is missing: funding.");
    expect(alert).not.toHaveTextContent('moved');
    expect(screen.getAllByText(/profile is missing/)).toHaveLength(1);
  });

  it('ranks transfer candidates with volunteers tagged and places left', async () => {
    useUi.setState({ dialog: { kind: 'assign', cardId: 50, boardId: 2 } });
    const transfer = defenseCard({ id: 50, boardId: 2, kind: 'transfer', defenseDate: null, handoverDate: '2099-03-01', reason: 'Congé' });
    renderWithApi(<CardDialogs />, {
      handlers: {
        ...baseHandlers(),
        'card.get': () => transfer,
        'mentor.list': () => [
          { id: 4, name: 'Thomas Petit', email: 't@x', isEvaluator: true, capacity: 7, activeLearners: 5, reserved: 0, remainingCapacity: 2, acceptsRqth: false, projectIds: [10] },
        ],
        'transfer.eligibleMentors': () => [
          { mentorId: 4, name: 'Thomas Petit', eligible: true, reasons: [], reasonCodes: [], volunteered: true, remainingCapacity: 2 },
          { mentorId: 5, name: 'Sophie Bernard', eligible: false, reasons: ['has no remaining capacity'], reasonCodes: ['no_capacity'], volunteered: false, remainingCapacity: 0 },
        ],
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Assign the new mentor' });
    const radio = await within(dialog).findByRole('radio', { name: /Thomas Petit/ });
    await waitFor(() => expect(radio).toHaveAccessibleName(/2 places left of 7/));
    expect(radio).toHaveAccessibleName(/Volunteered/);
    expect(within(dialog).getByRole('region', { name: '1 not eligible' })).toHaveTextContent('has no remaining capacity');
  });
});
