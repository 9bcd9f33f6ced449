import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LearnersPage } from '../../client/features/learners/LearnersPage';
import { listInput, NO_LEARNER_FILTERS } from '../../client/features/learners/learnerFilters';
import { baseHandlers, catalog, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi, type Call } from './fakeApi';

const rows = [
  { id: 7, firstName: 'Léa', lastName: 'Martin', email: 'lea@example.test', pathId: 1, currentProjectId: 10, mentorId: 2, active: true, deactivatedAt: null, deactivationReason: null, missingFields: ['funding', 'timezone'], missingCount: 2 },
  { id: 8, firstName: 'Hugo', lastName: 'Roux', email: null, pathId: 1, currentProjectId: 11, mentorId: 3, active: false, deactivatedAt: '2026-01-02', deactivationReason: 'abandonment', missingFields: [], missingCount: 0 },
];
const mentors = [
  { id: 2, name: 'Julien Moreau', email: 'j@x', isEvaluator: false, capacity: 5, activeLearners: 5, reserved: 0, remainingCapacity: 0, acceptsRqth: true, projectIds: [10], active: true },
  { id: 5, name: 'Sophie Bernard', email: 's@x', isEvaluator: false, capacity: 5, activeLearners: 1, reserved: 0, remainingCapacity: 4, acceptsRqth: true, projectIds: [10, 11], active: true },
];

function renderPage(me: typeof manager | typeof mentor, extra: Record<string, (input: any) => unknown> = {}) {
  return renderWithApi(<LearnersPage user={me as never} />, {
    handlers: { ...baseHandlers(me), 'learner.list': () => rows, 'mentor.list': () => mentors, ...extra },
    route: '/learners',
  });
}

const lastInput = (calls: Call[], path: string) => calls.filter((c) => c.path === path).at(-1)?.input;

describe('the learner filters', () => {
  it('leave defaults out of learner.list’s input', () => {
    expect(listInput(NO_LEARNER_FILTERS)).toEqual({ status: 'active' });
    expect(listInput({ ...NO_LEARNER_FILTERS, search: '  léa ', pathId: 1, missing: 'any', status: 'all' })).toEqual({ search: 'léa', pathId: 1, missing: 'any', status: 'all' });
  });
});

describe('the Learners page', () => {
  it('lists learners with their missing-field count, and filters through learner.list', async () => {
    const { calls } = renderPage(manager);
    const list = await screen.findByRole('list', { name: 'Learners' });
    expect(within(list).getByRole('link', { name: 'Léa Martin' })).toHaveAttribute('href', '/learners/7');
    expect(within(list).getByText('2 missing')).toBeInTheDocument();
    expect(within(list).getByText('Complete')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Search'), 'lea');
    await userEvent.selectOptions(screen.getByLabelText('Profile'), 'any');
    await userEvent.selectOptions(screen.getByLabelText('Mentor'), '2');
    await waitFor(() => expect(lastInput(calls, 'learner.list')).toEqual({ search: 'lea', mentorId: 2, missing: 'any', status: 'active' }));
  });

  it('shows a mentor no mentor filter and no manager actions', async () => {
    renderPage(mentor);
    await screen.findByRole('list', { name: 'Learners' });
    expect(screen.queryByLabelText('Mentor')).toBeNull();
    expect(screen.queryByRole('button', { name: 'New learner' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Deactivate/ })).toBeNull();
  });

  it('deactivates a learner with one of the school’s reasons and a date', async () => {
    const done: unknown[] = [];
    renderPage(manager, { 'learner.deactivate': (input) => done.push(input) });
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate Léa Martin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Léa Martin' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(done).toEqual([]);
    await userEvent.click(within(dialog).getByRole('radio', { name: 'End of funding' }));
    await userEvent.type(within(dialog).getByLabelText('Note (optional)'), 'Funding ended in December');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(done).toEqual([expect.objectContaining({ learnerId: 7, reason: 'end_of_funding', note: 'Funding ended in December', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]));
  });

  it('reactivates a learner who left', async () => {
    const done: unknown[] = [];
    renderPage(manager, { 'learner.reactivate': (input) => done.push(input) });
    await userEvent.click(await screen.findByRole('button', { name: 'Reactivate Hugo Roux' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate Hugo Roux' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(done).toEqual([{ learnerId: 8 }]));
  });

  it('creates a learner: projects of the path only, a full mentor refused until overridden with a reason', async () => {
    const created: unknown[] = [];
    renderPage(manager, {
      'catalog.get': () => ({
        ...catalog,
        projects: [
          { id: 10, pathId: 1, position: 1, code: 'DW-P2', title: 'Maquette', color: '#2563eb', retired: false },
          { id: 11, pathId: 1, position: 2, code: 'DW-P3', title: 'Dynamisez', color: '#7c3aed', retired: true },
        ],
      }),
      'learner.create': (input) => {
        created.push(input);
        return { ...rows[0], ...input };
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New learner' }));
    const dialog = await screen.findByRole('dialog', { name: 'New learner' });
    await userEvent.type(within(dialog).getByLabelText('First name'), 'Inès');
    await userEvent.type(within(dialog).getByLabelText('Last name'), 'Diallo');
    await userEvent.selectOptions(within(dialog).getByLabelText('Path'), '1');
    const project = within(dialog).getByLabelText('Current project');
    expect(within(project).queryByRole('option', { name: /DW-P3/ })).toBeNull();
    await userEvent.selectOptions(project, '10');
    await userEvent.selectOptions(within(dialog).getByLabelText('Mentor'), '2');
    expect(within(dialog).getByText(/Julien Moreau has no remaining capacity/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the learner' }));
    expect(created).toEqual([]);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /override/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the learner' }));
    expect(within(dialog).getByText('Say why this mentor is chosen anyway.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('Why this mentor anyway'), 'Back from leave next week');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the learner' }));
    await waitFor(() =>
      expect(created).toEqual([
        { firstName: 'Inès', lastName: 'Diallo', pathId: 1, currentProjectId: 10, mentorId: 2, rqth: false, override: true, overrideReason: 'Back from leave next week' },
      ]),
    );
  });

  it('shows the server’s refusal of a mentor', async () => {
    renderPage(manager, {
      'learner.create': () => {
        throw new Refusal('PRECONDITION_FAILED', 'Sophie Bernard cannot take this learner: has no remaining capacity.', { rule: 'mentor_ineligible' });
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New learner' }));
    const dialog = await screen.findByRole('dialog', { name: 'New learner' });
    await userEvent.type(within(dialog).getByLabelText('First name'), 'Inès');
    await userEvent.type(within(dialog).getByLabelText('Last name'), 'Diallo');
    await userEvent.selectOptions(within(dialog).getByLabelText('Path'), '1');
    await userEvent.selectOptions(within(dialog).getByLabelText('Current project'), '10');
    await userEvent.selectOptions(within(dialog).getByLabelText('Mentor'), '5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the learner' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Sophie Bernard cannot take this learner');
    expect(within(dialog).getByRole('checkbox', { name: /override/ })).toBeInTheDocument();
  });
});
