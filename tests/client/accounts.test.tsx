/**
 * First run and accounts in the client: the setup page (the two passwords, the server's
 * refusal), Accounts (the list, inviting and the link to copy), a person's page
 * (deactivation, confirmed), My account (a mentor's own profile, sessions to end), and the
 * audit sentences of account events in both languages.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../client/i18n';
import { SetupPage } from '../../client/features/setup/SetupPage';
import { AccountsPage } from '../../client/features/accounts/AccountsPage';
import { PersonPage } from '../../client/features/accounts/PersonPage';
import { AccountPage } from '../../client/features/account/AccountPage';
import { describeAuditEvent, type AuditItem } from '../../client/features/audit/describe';
import { catalog, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

beforeAll(async () => {
  await i18n.changeLanguage('en');
  await i18n.loadNamespaces(['accounts', 'audit']);
});
afterEach(async () => {
  await i18n.changeLanguage('en');
});

function account(overrides: Record<string, unknown> = {}) {
  return {
    id: 2,
    name: 'Julien Moreau',
    email: 'mentor@relais.test',
    role: 'mentor',
    isEvaluator: false,
    capacity: 5,
    acceptsRqth: false,
    projectIds: [],
    active: true,
    deactivatedAt: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    hasPassword: true,
    status: 'active',
    invitation: null,
    lastSeenAt: '2026-12-01T09:00:00.000Z',
    activeLearners: 3,
    ...overrides,
  };
}

describe('the setup page', () => {
  it('says when the two passwords differ, and shows the server’s refusal', async () => {
    const { calls } = renderWithApi(<SetupPage />, {
      handlers: {
        'setup.createManager': () => {
          throw new Refusal('BAD_REQUEST', 'This password is among the most common ones, the first that anyone guessing would try. Choose another.');
        },
      },
    });
    await userEvent.type(screen.getByLabelText('Your name'), 'Camille Laurent');
    await userEvent.type(screen.getByLabelText('Email'), 'camille@ecole.test');
    await userEvent.type(screen.getByLabelText('Password'), 'password123');
    await userEvent.type(screen.getByLabelText('Password again'), 'password12');
    expect(screen.getByText('The two passwords differ.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create the manager account' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Password again'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Create the manager account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('most common');
    expect(calls.find((c) => c.path === 'setup.createManager')?.input).toEqual({ name: 'Camille Laurent', email: 'camille@ecole.test', password: 'password123' });
  });
});

describe('Accounts', () => {
  it('lists people with their status, and invites someone, then shows the link to copy', async () => {
    const { calls } = renderWithApi(<AccountsPage user={manager} />, {
      handlers: {
        'user.list': () => [account({ id: 1, name: 'Camille Laurent', email: 'manager@relais.test', role: 'manager' }), account({ status: 'invited', hasPassword: false, lastSeenAt: null })],
        'user.invite': (input: { name: string }) => ({ user: account({ id: 3, name: input.name, status: 'invited' }), setPasswordUrl: 'http://localhost:3000/set-password#abc', expiresAt: '2026-12-09T09:00:00.000Z' }),
        'catalog.get': () => catalog,
      },
    });
    const rows = await screen.findAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'PersonRoleStatusLast seen',
      expect.stringMatching(/^Camille Laurent\(you\)manager@relais\.testManagerActive/),
      expect.stringMatching(/^Julien Moreaumentor@relais\.testMentorInvitedNo open session$/),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Invite someone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite someone' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Sophie Bernard');
    await userEvent.type(within(dialog).getByLabelText('Email'), 'sophie@ecole.test');
    await userEvent.click(within(dialog).getByLabelText('Evaluator status (holds defenses)'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    const linkDialog = await screen.findByRole('dialog', { name: 'Send this link to Sophie Bernard' });
    expect(within(linkDialog).getByLabelText('Set-password link')).toHaveValue('http://localhost:3000/set-password#abc');
    expect(calls.find((c) => c.path === 'user.invite')?.input).toEqual({ name: 'Sophie Bernard', email: 'sophie@ecole.test', role: 'mentor', isEvaluator: true });
  });

  it('tells a mentor the page is the managers’', () => {
    renderWithApi(<AccountsPage user={mentor} />, { handlers: {} });
    expect(screen.getByText('Accounts are managed by the mentorship managers.')).toBeInTheDocument();
  });

  it('deactivates a person once confirmed', async () => {
    let person = account();
    const { calls } = renderWithApi(<PersonPage user={manager} />, {
      route: '/accounts/2',
      path: '/accounts/:userId',
      handlers: {
        'user.get': () => ({ user: person, history: [] }),
        'user.deactivate': () => (person = account({ active: false, status: 'deactivated', deactivatedAt: '2026-12-02T10:00:00.000Z' })),
        'catalog.get': () => catalog,
        'user.list': () => [person],
        'mentor.list': () => [],
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Julien Moreau?' });
    expect(calls.some((c) => c.path === 'user.deactivate')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByRole('button', { name: 'Reactivate' })).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'user.deactivate')?.input).toEqual({ userId: 2 });
  });
});

describe('My account', () => {
  it('a mentor saves their own profile, and ends another session', async () => {
    const { calls } = renderWithApi(<AccountPage user={mentor} />, {
      handlers: {
        'mentor.list': () => [{ id: mentor.id, name: mentor.name, email: mentor.email, isEvaluator: false, capacity: 5, activeLearners: 2, reserved: 0, remainingCapacity: 3, acceptsRqth: false, projectIds: [], active: true }],
        'catalog.get': () => catalog,
        'mentor.updateSelf': (input: object) => input,
        'auth.sessions': () => [
          { id: 'here', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', ip: '203.0.113.7', createdAt: '2026-12-01T09:00:00.000Z', lastSeenAt: '2026-12-02T09:00:00.000Z', expiresAt: '2026-12-16T09:00:00.000Z', current: true },
          { id: 'phone', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1', ip: '198.51.100.4', createdAt: '2026-11-30T09:00:00.000Z', lastSeenAt: '2026-11-30T10:00:00.000Z', expiresAt: '2026-12-14T09:00:00.000Z', current: false },
        ],
        'auth.endSession': () => ({ ok: true, current: false }),
      },
    });
    const capacity = await screen.findByLabelText('Capacity (learners at once)');
    await userEvent.clear(capacity);
    await userEvent.type(capacity, '7');
    await userEvent.click(screen.getByLabelText('Accepts learners with a disability (RQTH)'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.find((c) => c.path === 'mentor.updateSelf')?.input).toEqual({ capacity: 7, acceptsRqth: true, projectIds: [] }));
    expect(screen.queryByLabelText(/Evaluator status/)).toBeNull();

    const sessions = screen.getByRole('region', { name: 'Where you are signed in' });
    expect(await within(sessions).findByText('This browser')).toBeInTheDocument();
    expect(within(sessions).getAllByRole('button')).toHaveLength(1);
    await userEvent.click(within(sessions).getByRole('button', { name: 'End the session on Safari 17 on iPhone' }));
    await waitFor(() => expect(calls.find((c) => c.path === 'auth.endSession')?.input).toEqual({ sessionId: 'phone' }));
  });
});

describe('account events in the audit trail', () => {
  const base = { id: 1, at: '2026-12-02T10:00:00.000Z', actorId: 1, actorName: 'Camille Laurent', email: null, ip: null, userAgent: null };
  const lines: Pick<AuditItem, 'type' | 'data'>[] = [
    { type: 'setup_done', data: { name: 'Camille Laurent' } },
    { type: 'manager_created', data: { name: 'Jeanne Direction', via: 'cli' } },
    { type: 'user_invited', data: { name: 'Julien Moreau' } },
    { type: 'user_invited', data: { name: 'Julien Moreau', resent: true } },
    { type: 'invitation_revoked', data: { name: 'Julien Moreau' } },
    { type: 'user_updated', data: { name: 'Julien Moreau', changes: { name: { from: 'J. Moreau', to: 'Julien Moreau' }, role: { from: 'mentor', to: 'manager' } } } },
    { type: 'user_deactivated', data: { name: 'Julien Moreau' } },
    { type: 'user_reactivated', data: { name: 'Julien Moreau' } },
    { type: 'password_set', data: {} },
    { type: 'password_changed', data: {} },
    { type: 'session_ended', data: {} },
    { type: 'sign_in_failed', data: { reason: 'deactivated' } },
  ];

  it('says each in English and in French, never a raw key', async () => {
    const lookups = { personName: () => null, projectCode: (id: number) => `#${id}` };
    const en = lines.map((l) => describeAuditEvent({ ...base, ...l }, i18n.getFixedT('en', 'audit'), lookups));
    expect(en).toEqual([
      'Set Relais up: created the first manager account',
      'Created the manager account of Jeanne Direction from the command line',
      'Invited Julien Moreau',
      'Made a new set-password link for Julien Moreau',
      'Revoked the invitation of Julien Moreau',
      'Changed the account of Julien Moreau: name J. Moreau → Julien Moreau; role mentor → manager',
      'Deactivated Julien Moreau',
      'Reactivated Julien Moreau',
      'Set their password from a link',
      'Changed their password',
      'Ended a session',
      'Failed sign-in (account deactivated)',
    ]);
    await act(() => i18n.changeLanguage('fr'));
    await i18n.loadNamespaces('audit');
    const fr = lines.map((l) => describeAuditEvent({ ...base, ...l }, i18n.getFixedT('fr', 'audit'), lookups));
    expect(fr[2]).toBe('A invité Julien Moreau');
    expect(fr.join('\n')).not.toMatch(/what\.|Other event|Autre événement/);
  });
});
