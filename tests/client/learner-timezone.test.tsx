/** Issue 14, item 10: a learner's time zone is chosen among the IANA zones (the server refuses others). */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LearnerPage } from '../../client/features/learner/LearnerPage';
import { DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';
import { baseHandlers, mentor } from './cardFixtures';
import { renderWithApi } from './fakeApi';

const learner = {
  id: 7, firstName: 'Léa', lastName: 'Martin', email: 'lea.martin@exemple.fr', pathId: 1, currentProjectId: 10, mentorId: 2,
  funding: 'employer', professionalGoal: 'Dev', availability: 'Soirs', timezone: 'Europe/Paris', rqth: false, notes: null, active: true,
  deactivatedAt: null, deactivationReason: null, pathCompletedAt: null,
  updatedAt: '2026-01-01T00:00:00.000Z', missingFields: [], mandatoryFields: DEFAULT_MANDATORY_FIELDS, history: [],
};

describe('the learner’s time zone', () => {
  it('is a choice among IANA zones, and the choice is sent', async () => {
    const sent: unknown[] = [];
    renderWithApi(<LearnerPage user={mentor} />, {
      handlers: { ...baseHandlers(mentor), 'learner.get': () => learner, 'learner.update': (input) => (sent.push(input), { ...learner, timezone: input.timezone }) },
      route: '/learners/7',
      path: '/learners/:learnerId',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }, { timeout: 5000 }));
    const zone = screen.getByLabelText(/^Time zone/);
    expect(zone.tagName).toBe('SELECT');
    expect(zone).toHaveValue('Europe/Paris');
    const values = within(zone).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(values).toContain('America/Toronto');
    expect(values).toContain('Pacific/Auckland');
    expect(values).not.toContain('Mars/Olympus');
    await userEvent.selectOptions(zone, 'America/Toronto');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toEqual([{ learnerId: 7, timezone: 'America/Toronto' }]));
  }, 20_000);
});
