/**
 * The audit trail page (a sentence per event, in English and French; filters; load more),
 * the shell's account menu (the Audit entry for managers, sign out everywhere, confirmed),
 * and the login page's message when sign-ins are paused.
 */
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../client/i18n';
import { Providers } from '../../client/Providers';
import { AuditPage, AUDIT_PAGE_SIZE, EMAIL_DEBOUNCE_MS } from '../../client/features/audit/AuditPage';
import { describeAuditEvent, shortUserAgent, type AuditItem } from '../../client/features/audit/describe';
import { AppShell } from '../../client/features/shell/AppShell';
import { LoginPage } from '../../client/features/auth/LoginPage';
import { reloadSignedOut } from '../../client/features/shell/session';
import type { AppRouter } from '../../server/routers/_app';
import { baseHandlers, catalog, manager, mentor, Refusal, renderWithApi, type Handlers } from './card.fakes';

vi.mock('../../client/features/shell/session', () => ({ reloadSignedOut: vi.fn() }));

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

function line(id: number, type: string, overrides: Partial<AuditItem> = {}): AuditItem {
  return {
    id,
    at: new Date(Date.now() - id * 60_000).toISOString(),
    type,
    actorId: 1,
    actorName: 'Camille Laurent',
    email: 'manager@relais.test',
    ip: '203.0.113.7',
    userAgent: CHROME_UA,
    data: {},
    ...overrides,
  };
}

/** One line of each kind, with what each sentence needs. */
const EVERY_KIND: AuditItem[] = [
  line(9, 'sign_in'),
  line(8, 'sign_in_failed', { actorId: null, actorName: null, email: 'manager@relais.test', data: { reason: 'wrong_password' } }),
  line(7, 'sign_in_failed', { actorId: null, actorName: null, email: 'nobody@example.org', data: { reason: 'unknown_email' } }),
  line(6, 'sign_out'),
  line(5, 'sign_out_everywhere', { data: { sessions: 3 } }),
  line(4, 'rate_limited', { actorId: null, actorName: null, email: 'manager@relais.test', data: { scope: 'account', seconds: 15 } }),
  line(3, 'rate_limited', { actorId: null, actorName: null, email: 'manager@relais.test', data: { scope: 'address', seconds: 120 } }),
  line(2, 'mentor_updated', {
    data: { mentorId: 2, mentorName: 'Julien Moreau', changes: { capacity: { from: 3, to: 9 }, isEvaluator: { from: false, to: true }, projectIds: { from: [10], to: [10, 11] } } },
  }),
  line(1, 'settings_changed', {
    userAgent: IPHONE_UA,
    data: { mandatoryFields: { from: ['firstName', 'funding'], to: ['firstName', 'timezone', 'notes'] } },
  }),
];

const SENTENCES = {
  en: [
    'Signed in',
    'Failed sign-in (wrong password)',
    'Failed sign-in (unknown email)',
    'Signed out',
    'Signed out everywhere (3 sessions)',
    'Sign-ins paused for 15 s (account)',
    'Sign-ins paused for 2 min (address)',
    'Changed Julien Moreau’s profile: capacity 3 → 9; evaluator no → yes; projects added: DW-P3',
    'Changed the mandatory fields: added time zone, notes; removed funding',
  ],
  fr: [
    'Connexion',
    'Échec de connexion (mot de passe erroné)',
    'Échec de connexion (e-mail inconnu)',
    'Déconnexion',
    'Déconnexion de partout (3 sessions)',
    'Connexions suspendues pendant 15 s (compte)',
    'Connexions suspendues pendant 2 min (adresse)',
    'Profil de Julien Moreau modifié : capacité 3 → 9 ; mentor validateur non → oui ; projets ajoutés : DW-P3',
    'Champs obligatoires modifiés : ajout de fuseau horaire, notes ; retrait de financement',
  ],
};

const lookups = { personName: () => null, projectCode: (id: number) => catalog.projects.find((p) => p.id === id)?.code ?? `#${id}` };

beforeAll(async () => {
  await i18n.changeLanguage('en');
  await i18n.loadLanguages(['en', 'fr']);
  await i18n.loadNamespaces(['audit']);
  await i18n.reloadResources(['en', 'fr'], ['audit']);
});

afterEach(async () => {
  vi.useRealTimers();
  await i18n.changeLanguage('en');
});

afterAll(async () => {
  await i18n.changeLanguage('en');
});

type ListInput = { type?: string; actorId?: number; email?: string; from?: string; to?: string; before?: number; limit?: number };

/** The audit page as a manager sees it, over `pages` (each call answers the next; `list` may be a function of the input). */
function openAudit(list: (input: ListInput) => unknown = () => ({ items: EVERY_KIND, nextCursor: null }), extra: Handlers = {}) {
  const utils = renderWithApi(<AuditPage user={manager} />, { handlers: { ...baseHandlers(manager), 'audit.list': list, ...extra }, route: '/audit' });
  const listCalls = () => utils.calls.filter((c) => c.path === 'audit.list').map((c) => c.input as ListInput);
  return { ...utils, listCalls };
}

/** The line under the table that says how many lines are shown (card.fakes' location probe is a status too). */
function countStatus() {
  return screen.getAllByRole('status').find((el) => el.closest('.audit-foot'))!;
}

describe('an audit line as a sentence', () => {
  for (const language of ['en', 'fr'] as const) {
    it(`says what happened, in ${language === 'en' ? 'English' : 'French'}`, () => {
      const t = i18n.getFixedT(language, 'audit');
      expect(EVERY_KIND.map((item) => describeAuditEvent(item, t, lookups))).toEqual(SENTENCES[language]);
    });
  }

  it('counts one session in the singular, and falls back when a line lacks its details', () => {
    const t = i18n.getFixedT('en', 'audit');
    expect(describeAuditEvent({ type: 'sign_out_everywhere', data: { sessions: 1 } }, t, lookups)).toBe('Signed out everywhere (1 session)');
    expect(describeAuditEvent({ type: 'sign_out_everywhere', data: {} }, t, lookups)).toBe('Signed out everywhere');
    expect(describeAuditEvent({ type: 'mentor_updated', data: { mentorId: 99, changes: {} } }, t, lookups)).toBe('Changed a mentor’s profile');
    expect(describeAuditEvent({ type: 'settings_changed', data: { mandatoryFields: { from: ['notes'], to: ['notes'] } } }, t, lookups)).toBe('Changed the mandatory fields');
    expect(describeAuditEvent({ type: 'something_new', data: {} }, t, lookups)).toBe('Other event (something_new)');
    expect(describeAuditEvent({ type: 'rate_limited', data: { scope: 'account', seconds: 900 } }, t, lookups)).toBe('Sign-ins paused for 15 min (account)');
  });

  it('shortens a user agent to a browser and a system', () => {
    const t = i18n.getFixedT('en', 'audit');
    expect(shortUserAgent(CHROME_UA, t)).toBe('Chrome 141 on Linux');
    expect(shortUserAgent(IPHONE_UA, t)).toBe('Safari 17 on iPhone');
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', t)).toBe('Firefox 128 on Windows');
    expect(shortUserAgent('curl/8.5.0', t)).toBe('curl/8.5.0');
    expect(shortUserAgent(null, t)).toBeNull();
    expect(shortUserAgent(CHROME_UA, i18n.getFixedT('fr', 'audit'))).toBe('Chrome 141 sous Linux');
  });
});

describe('the audit page', () => {
  it('lists every line newest first: when, what, who, from where', async () => {
    openAudit();
    const table = await screen.findByRole('table', { name: 'The audit trail, newest first' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['When', 'What', 'Who', 'From where']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('.audit-sentence')!.textContent)).toEqual(SENTENCES.en);

    const first = rows[0]!;
    expect(first).toHaveTextContent('9 minutes ago');
    expect(first.querySelector('time')).toHaveAttribute('dateTime', EVERY_KIND[0]!.at);
    expect(first).toHaveTextContent('Camille Laurent');
    expect(first).toHaveTextContent('manager@relais.test');
    expect(first).toHaveTextContent('203.0.113.7');
    expect(within(first).getByText('Chrome 141 on Linux')).toHaveAttribute('title', CHROME_UA);
    // A failed sign-in names the email that was typed; a line without anyone is the system's.
    expect(rows[2]).toHaveTextContent('nobody@example.org');
    expect(countStatus()).toHaveTextContent('9 events shown');
    expect(screen.getByText('This is the start of the trail: nothing older.')).toBeInTheDocument();
  });

  it('says who in every case: a name, the email typed, Unknown, System', async () => {
    openAudit(() => ({
      items: [
        line(3, 'sign_in_failed', { actorId: null, actorName: null, email: 'typed@example.org', data: { reason: 'unknown_email' } }),
        line(2, 'sign_out', { actorId: 77, actorName: null, email: null, ip: null, userAgent: null }),
        line(1, 'settings_changed', { actorId: null, actorName: null, email: null, data: {} }),
      ],
      nextCursor: null,
    }));
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows[0]!.querySelector('.audit-who')).toHaveTextContent(/^typed@example\.org$/);
    expect(rows[1]!.querySelector('.audit-who')).toHaveTextContent(/^Unknown$/);
    expect(rows[1]!.querySelector('.audit-where')).toHaveTextContent('Unknown addressUnknown browser');
    expect(rows[2]!.querySelector('.audit-who')).toHaveTextContent(/^System$/);
    expect(rows[2]).toHaveTextContent('Changed the settings');
  });

  it('reads in French', async () => {
    await act(() => i18n.changeLanguage('fr'));
    openAudit();
    const table = await screen.findByRole('table', { name: 'Le journal d’audit, les plus récents d’abord' });
    expect(screen.getByRole('heading', { level: 1, name: 'Journal d’audit' })).toBeInTheDocument();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Quand', 'Quoi', 'Qui', 'D’où']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('.audit-sentence')!.textContent)).toEqual(SENTENCES.fr);
    expect(rows[0]).toHaveTextContent('il y a 9 minutes');
    expect(within(rows[8]!).getByText('Safari 17 sous iPhone')).toHaveAttribute('title', IPHONE_UA);
    expect(countStatus()).toHaveTextContent('9 événements affichés');
  });

  it('asks for the first page with no filter, then for each filter as it is set', async () => {
    const { listCalls } = openAudit((input) => ({ items: input.type ? EVERY_KIND.filter((i) => i.type === input.type) : EVERY_KIND, nextCursor: null }));
    await screen.findByRole('table');
    expect(listCalls()).toEqual([{ limit: AUDIT_PAGE_SIZE }]);
    // Every type it has words for, and never a raw key for one it has not.
    expect(within(screen.getByLabelText('Event')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All events', 'Sign-in', 'Failed sign-in', 'Sign-out', 'Sign-out everywhere', 'Sign-ins paused', 'Mentor profile changed', 'Settings changed',
      'First run', 'Manager created (command line)', 'Invitation', 'Invitation revoked', 'Account changed', 'Account deactivated', 'Account reactivated',
      'Password set from a link', 'Password changed', 'Session ended',
    ]);

    await userEvent.selectOptions(screen.getByLabelText('Event'), 'Failed sign-in');
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ type: 'sign_in_failed', limit: AUDIT_PAGE_SIZE }));

    await userEvent.selectOptions(await screen.findByLabelText('Person'), 'Julien Moreau');
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ type: 'sign_in_failed', actorId: 2, limit: AUDIT_PAGE_SIZE }));
    await userEvent.selectOptions(screen.getByLabelText('Person'), 'Anyone');

    await userEvent.type(screen.getByLabelText('From'), '2026-03-01');
    await userEvent.type(screen.getByLabelText('To'), '2026-03-31');
    await waitFor(() =>
      expect(listCalls().at(-1)).toEqual({
        type: 'sign_in_failed',
        from: new Date('2026-03-01T00:00:00.000').toISOString(),
        to: new Date('2026-03-31T23:59:59.999').toISOString(),
        limit: AUDIT_PAGE_SIZE,
      }),
    );

    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 2));

    // Cleared, the first answer (still fresh in the cache) shows again.
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + EVERY_KIND.length));
    expect(screen.getByLabelText('Event')).toHaveValue('');
    expect(screen.getByLabelText('From')).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  });

  it('waits until the email stops changing before asking, and sends it trimmed', async () => {
    const { listCalls } = openAudit();
    await screen.findByRole('table');
    const before = listCalls().length;
    await userEvent.type(screen.getByLabelText('Email contains'), ' julien ');
    // Typing does not ask once per key…
    expect(listCalls().length).toBe(before);
    // …but once, when the typing pauses.
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ email: 'julien', limit: AUDIT_PAGE_SIZE }), { timeout: EMAIL_DEBOUNCE_MS * 5 });
    expect(listCalls().length).toBe(before + 1);
  });

  it('loads older lines with the previous page’s cursor, and says when there are no more', async () => {
    const firstPage = Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => line(200 - i, 'sign_in'));
    const secondPage = [line(100, 'sign_out'), line(99, 'sign_out_everywhere', { data: { sessions: 2 } })];
    const { listCalls } = openAudit((input) => (input.before === 151 ? { items: secondPage, nextCursor: null } : { items: firstPage, nextCursor: 151 }));
    await screen.findByRole('table');
    expect(screen.getAllByRole('row')).toHaveLength(1 + AUDIT_PAGE_SIZE);
    expect(countStatus()).toHaveTextContent('50 events shown; older ones can be loaded');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + AUDIT_PAGE_SIZE + 2));
    expect(listCalls()).toEqual([{ limit: AUDIT_PAGE_SIZE }, { limit: AUDIT_PAGE_SIZE, before: 151 }]);
    expect(screen.getAllByRole('row').at(-1)).toHaveTextContent('Signed out everywhere (2 sessions)');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const end = screen.getByText('This is the start of the trail: nothing older.');
    await waitFor(() => expect(end).toHaveFocus());
    expect(countStatus()).toHaveTextContent('52 events shown');
  });

  it('has an empty state, with and without filters', async () => {
    openAudit(() => ({ items: [], nextCursor: null }));
    expect(await screen.findByText('Nothing has been recorded yet.')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Event'), 'Sign-out');
    expect(await screen.findByText('No event matches these filters.')).toBeInTheDocument();
  });

  it('shows a loading state, then an error that can be retried', async () => {
    let fail = true;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    openAudit(async () => {
      await gate;
      if (fail) throw new Refusal('FORBIDDEN', 'Only a mentorship manager can do this.');
      return { items: EVERY_KIND.slice(0, 1), nextCursor: null };
    });
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
    release();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The audit trail could not be loaded: Only a mentorship manager can do this.');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Signed in')).toBeInTheDocument();
  });

  it('refuses a date range that ends before it starts, without asking', async () => {
    const { listCalls } = openAudit();
    await screen.findByRole('table');
    await userEvent.type(screen.getByLabelText('From'), '2026-03-10');
    await userEvent.type(screen.getByLabelText('To'), '2026-03-01');
    expect(await screen.findByRole('alert')).toHaveTextContent('The “from” date is after the “to” date');
    expect(listCalls().some((c) => c.from && c.to && c.from > c.to)).toBe(false);
  });

  it('tells a mentor politely that it is for managers', async () => {
    renderWithApi(<AuditPage user={mentor} />, { handlers: baseHandlers(mentor) });
    expect(await screen.findByText('The audit trail is read by the mentorship managers.')).toBeInTheDocument();
  });
});

describe('the shell', () => {
  beforeEach(() => vi.mocked(reloadSignedOut).mockClear());

  it('shows the Audit entry to managers only', async () => {
    const { unmount } = renderWithApi(<AppShell user={manager}>page</AppShell>, { handlers: baseHandlers(manager) });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Audit' })).toHaveAttribute('href', '/audit');
    unmount();
    renderWithApi(<AppShell user={mentor}>page</AppShell>, { handlers: baseHandlers(mentor) });
    const mentorNav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await within(mentorNav).findByRole('link', { name: 'Defenses' });
    expect(within(mentorNav).queryByRole('link', { name: 'Audit' })).toBeNull();
  });

  it('signs out everywhere only once confirmed, then leaves for the login page', async () => {
    const logoutEverywhere = vi.fn(() => ({ ok: true, ended: 2 }));
    renderWithApi(<AppShell user={manager}>page</AppShell>, { handlers: { ...baseHandlers(manager), 'auth.logoutEverywhere': logoutEverywhere } });
    const account = screen.getByRole('button', { name: 'Camille Laurent, Manager: account' });

    await userEvent.click(account);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Sign out everywhere' }));
    let dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog).toHaveAccessibleDescription('This ends your sessions on every device, this one included.');
    // Cancel is where focus lands: a stray Enter does not sign anyone out.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(logoutEverywhere).not.toHaveBeenCalled();
    await waitFor(() => expect(account).toHaveFocus());

    // The menu: My account, Sign out, Sign out everywhere.
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(reloadSignedOut).toHaveBeenCalledTimes(1));
    expect(logoutEverywhere).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open with the reason when signing out everywhere fails', async () => {
    renderWithApi(<AppShell user={manager}>page</AppShell>, {
      handlers: {
        ...baseHandlers(manager),
        'auth.logoutEverywhere': () => {
          throw new Refusal('UNAUTHORIZED', 'Please sign in.');
        },
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Camille Laurent, Manager: account' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Please sign in.');
    expect(reloadSignedOut).not.toHaveBeenCalled();
  });

  it('still signs out here with one choice of the same menu', async () => {
    const logout = vi.fn(() => ({ ok: true }));
    renderWithApi(<AppShell user={mentor}>page</AppShell>, { handlers: { ...baseHandlers(mentor), 'auth.logout': logout } });
    await userEvent.click(screen.getByRole('button', { name: 'Julien Moreau, Mentor: account' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(reloadSignedOut).toHaveBeenCalledTimes(1));
    expect(logout).toHaveBeenCalledTimes(1);
  });
});

/** The login page over a link that refuses every sign-in with TOO_MANY_REQUESTS (card.fakes has no 429). */
function openLoginPausedFor(retryAfter: number | undefined) {
  const link: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      observer.error(
        TRPCClientError.from({
          error: {
            code: -32029,
            message: 'Too many failed sign-ins. For your security, signing in is paused: try again in 15 seconds.',
            data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: op.path, ...(retryAfter === undefined ? {} : { retryAfter }) },
          },
        }),
      );
    });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <Providers apiClient={client} queryClient={queryClient}>
      <LoginPage />
    </Providers>,
  );
}

async function signIn(language: 'en' | 'fr') {
  await userEvent.type(screen.getByLabelText(language === 'fr' ? 'E-mail' : 'Email'), 'manager@relais.test');
  await userEvent.type(screen.getByLabelText(language === 'fr' ? 'Mot de passe' : 'Password'), 'wrong');
  await userEvent.click(screen.getByRole('button', { name: language === 'fr' ? 'Se connecter' : 'Sign in' }));
  return screen.findByRole('alert');
}

describe('the login page when sign-ins are paused', () => {
  const cases: [number | undefined, 'en' | 'fr', string][] = [
    [15, 'en', 'Too many sign-in attempts: for your security, signing in is paused. Try again in 15 seconds.'],
    [1, 'en', 'Try again in 1 second.'],
    [60, 'en', 'Try again in 1 minute.'],
    [120, 'en', 'Try again in 2 minutes.'],
    [61, 'en', 'Try again in 2 minutes.'],
    [undefined, 'en', 'Try again in a moment.'],
    [15, 'fr', 'Trop de tentatives de connexion : par sécurité, la connexion est suspendue. Réessayez dans 15 secondes.'],
    [120, 'fr', 'Réessayez dans 2 minutes.'],
    [60, 'fr', 'Réessayez dans 1 minute.'],
  ];
  for (const [retryAfter, language, expected] of cases) {
    it(`says how long to wait (${retryAfter ?? 'no'} s, ${language}), not the server's sentence`, async () => {
      if (language === 'fr') await act(() => i18n.changeLanguage('fr'));
      openLoginPausedFor(retryAfter);
      const alert = await signIn(language);
      expect(alert).toHaveTextContent(expected);
      expect(alert).not.toHaveTextContent('Too many failed sign-ins.');
    });
  }
});
