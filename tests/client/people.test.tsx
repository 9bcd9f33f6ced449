import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LearnerPage } from '../../client/features/learner/LearnerPage';
import { MentorsPage } from '../../client/features/mentor/MentorsPage';
import { SettingsPage } from '../../client/features/settings/SettingsPage';
import { DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';
import { baseHandlers, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

const learner = {
  id: 7,
  firstName: 'Léa',
  lastName: 'Martin',
  email: 'lea.martin@exemple.fr',
  pathId: 1,
  currentProjectId: 10,
  mentorId: 2,
  funding: null,
  professionalGoal: null,
  availability: 'Soirs en semaine',
  timezone: 'Europe/Paris',
  rqth: false,
  notes: 'Visio avec sous-titres',
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  missingFields: ['funding', 'professionalGoal'],
  mandatoryFields: DEFAULT_MANDATORY_FIELDS,
  history: [{ id: 5, type: 'learner_updated', actorId: 1, at: '2026-01-02T10:00:00.000Z', data: { changes: { funding: { from: 'employer', to: null } } } }],
};

describe('the learner page', () => {
  function open(me = mentor, update?: (input: Record<string, unknown>) => unknown) {
    return renderWithApi(<LearnerPage user={me} />, {
      handlers: { ...baseHandlers(me), 'learner.get': () => learner, ...(update ? { 'learner.update': update } : {}) },
      route: '/learners/7',
      path: '/learners/:learnerId',
    });
  }

  it('shows every field, marks the mandatory ones and highlights the missing ones', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Léa Martin' })).toBeInTheDocument();
    expect(screen.getByText('2 mandatory fields missing')).toBeInTheDocument();
    const funding = screen.getByText('Funding', { selector: 'dt' }).closest('.profile-row')!;
    expect(funding).toHaveClass('is-missing');
    expect(funding).toHaveTextContent('(mandatory)');
    expect(funding).toHaveTextContent('Missing');
    const notes = screen.getByText('Notes', { selector: 'dt' }).closest('.profile-row')!;
    expect(notes).not.toHaveTextContent('(mandatory)');
    expect(notes).toHaveTextContent('Visio avec sous-titres');
    await waitFor(() => expect(screen.getByText('Mentor', { selector: 'dt' }).closest('.profile-row')).toHaveTextContent('Julien Moreau'));
  });

  it('tells the history of changes', async () => {
    open();
    expect(await screen.findByText('Camille Laurent updated the profile')).toBeInTheDocument();
    expect(screen.getByText('Employer')).toBeInTheDocument();
  });

  it('lets the learner’s mentor edit, sending only what changed and null for a cleared field', async () => {
    const sent: Record<string, unknown>[] = [];
    open(mentor, (input) => {
      sent.push(input);
      return { ...learner, funding: 'employer', notes: null, missingFields: ['professionalGoal'] };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    await userEvent.selectOptions(screen.getByLabelText(/^Funding/), 'employer');
    await userEvent.clear(screen.getByLabelText(/^Notes/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toEqual([{ learnerId: 7, funding: 'employer', notes: null }]));
  });

  it('does not offer editing to someone who is neither the mentor nor a manager', async () => {
    open({ ...mentor, id: 4, name: 'Thomas Petit' });
    await screen.findByRole('heading', { level: 1, name: 'Léa Martin' });
    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull();
  });
});

describe('the mentors page', () => {
  const mentors = [
    { id: 2, name: 'Julien Moreau', email: 'mentor@relais.test', isEvaluator: false, capacity: 10, activeLearners: 8, reserved: 1, remainingCapacity: 1, acceptsRqth: true, projectIds: [10, 11] },
    { id: 3, name: 'Nadia Haddad', email: 'evaluator@relais.test', isEvaluator: true, capacity: 4, activeLearners: 4, reserved: 0, remainingCapacity: 0, acceptsRqth: false, projectIds: [] },
  ];

  it('tells a mentor politely that it is for managers', () => {
    renderWithApi(<MentorsPage user={mentor} />, { handlers: baseHandlers(mentor) });
    expect(screen.getByText(/managed by the mentorship managers/)).toBeInTheDocument();
  });

  it('shows capacity, load and remaining places, and shows a refused capacity clearly', async () => {
    renderWithApi(<MentorsPage user={manager} />, {
      handlers: {
        ...baseHandlers(manager),
        'mentor.list': () => mentors,
        'mentor.update': () => {
          throw new Refusal('PRECONDITION_FAILED', 'Julien Moreau already has 9 learners (active or promised by a transfer); capacity cannot be lower.', { rule: 'capacity_below_load' });
        },
      },
    });
    const row = (await screen.findByRole('rowheader', { name: /Julien Moreau/ })).closest('tr')!;
    expect(row).toHaveTextContent('8 of 10 + 1 promised · 1 place left');
    expect(row).toHaveTextContent('DW-P2');
    expect(screen.getByRole('rowheader', { name: /Nadia Haddad/ }).closest('tr')).toHaveTextContent('Full');
    await userEvent.click(within(row).getByRole('button', { name: 'Edit Julien Moreau' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Julien Moreau' });
    const capacity = within(dialog).getByLabelText('Total capacity (learners)');
    expect(capacity).toHaveAttribute('min', '9');
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('capacity cannot be lower');
  });
});

describe('the settings page', () => {
  it('lists the mandatory learner fields as checkboxes and saves the choice', async () => {
    const saved: unknown[] = [];
    renderWithApi(<SettingsPage user={manager} />, {
      handlers: {
        ...baseHandlers(manager),
        'settings.mandatoryFields': () => ({ fields: DEFAULT_MANDATORY_FIELDS }),
        'settings.setMandatoryFields': (input: { fields: string[] }) => {
          saved.push(input);
          return input;
        },
      },
    });
    const notes = await screen.findByRole('checkbox', { name: 'Notes' });
    expect(notes).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Funding' })).toBeChecked();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Time zone' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([{ fields: DEFAULT_MANDATORY_FIELDS.filter((f) => f !== 'timezone') }]));
  });
});
