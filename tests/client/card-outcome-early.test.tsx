/** Issue 14, item 11: an outcome before the defense has taken place is warned about and must be confirmed; filing lists the learner's path's projects only. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, catalog, defenseCard, manager, mentor } from './cardFixtures';
import { renderWithApi } from './fakeApi';

describe('recording an outcome before the defense', () => {
  it('warns that the defense has not taken place and records only once confirmed', async () => {
    useUi.setState({ dialog: { kind: 'outcome', cardId: 42, boardId: 1 } });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { calls } = renderWithApi(<CardDialogs />, {
      handlers: {
        ...baseHandlers(manager),
        'card.get': () => defenseCard({ columnKey: 'assigned', evaluatorId: 3, defenseDate: future }),
        'card.recordOutcome': () => ({ card: defenseCard({ columnKey: 'done', outcome: 'passed' }), retakeCard: null }),
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Record the outcome' }, { timeout: 5000 });
    expect(await within(dialog).findByText(/it has not taken place yet/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Passed' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record outcome' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Tick the box to record its outcome anyway');
    expect(calls.some((c) => c.path === 'card.recordOutcome')).toBe(false);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /record the outcome anyway/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record outcome' }));
    await waitFor(() => expect(calls.some((c) => c.path === 'card.recordOutcome')).toBe(true));
  });

  it('says nothing of the kind once the defense is past', async () => {
    useUi.setState({ dialog: { kind: 'outcome', cardId: 42, boardId: 1 } });
    renderWithApi(<CardDialogs />, {
      handlers: { ...baseHandlers(manager), 'card.get': () => defenseCard({ columnKey: 'assigned', evaluatorId: 3, defenseDate: '2026-01-01T14:00:00.000Z' }) },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Record the outcome' }, { timeout: 5000 });
    await within(dialog).findByRole('radio', { name: 'Passed' });
    expect(within(dialog).queryByText(/not taken place/)).toBeNull();
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
  });
});

describe('filing a card', () => {
  it('offers only the projects of the chosen learner’s path', async () => {
    const twoPaths = {
      ...catalog,
      paths: [...catalog.paths, { id: 2, code: 'DA', name: 'Data analyst' }],
      projects: [...catalog.projects, { id: 20, pathId: 2, position: 1, code: 'DA-P1', title: 'Analysez des données', color: '#059669' }],
    };
    const learners = [
      { id: 7, firstName: 'Léa', lastName: 'Martin', pathId: 1, currentProjectId: 11, mentorId: 2, missingFields: [] },
      { id: 9, firstName: 'Inès', lastName: 'Roux', pathId: 2, currentProjectId: 20, mentorId: 2, missingFields: [] },
    ];
    useUi.setState({ dialog: { kind: 'newCard', boardId: 1 } });
    renderWithApi(<CardDialogs />, { handlers: { ...baseHandlers(mentor), 'catalog.get': () => twoPaths, 'learner.list': () => learners } });
    const dialog = await screen.findByRole('dialog', { name: 'New defense' }, { timeout: 5000 });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Learner'), '9');
    const project = within(dialog).getByLabelText('Project');
    expect(within(project).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a project', 'DA-P1 — Analysez des données']);
    await userEvent.selectOptions(within(dialog).getByLabelText('Learner'), '7');
    expect(within(project).queryByRole('option', { name: /DA-P1/ })).toBeNull();
    expect(within(project).getByRole('option', { name: /DW-P3/ })).toBeInTheDocument();
  });
});
