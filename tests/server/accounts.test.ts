/**
 * First run and accounts (issue 15): the setup page and its race, the CLI, invitations and
 * set-password links, editing, deactivating (sessions end at once, never offered again)
 * and reactivating people, the last manager, changing one's password, one's sessions, a
 * mentor's own profile, and the audit lines on the person's page. On SQLite, and on
 * PostgreSQL with RELAIS_TEST_PG=1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { onPostgres, testDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser, PASSWORD } from '../helpers/factories';
import { call, serverOnTestDatabase, signIn } from '../helpers/http';
import { login, toSessionUser } from '../../server/services/auth';
import { createContextInner } from '../../server/context';
import { createEventBus } from '../../server/events';
import { createCaller } from '../../server/routers/_app';
import { UNKNOWN_CLIENT } from '../../server/services/context';

const s = serverOnTestDatabase();
const root = path.resolve(import.meta.dirname, '../..');

/** The session cookie an answer sets. */
const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie')?.split(';')[0] ?? null;
const data = (res: { body: any }) => res.body?.result?.data;
const errorOf = (res: { body: any }) => res.body?.error;

let n = 0;
const email = (who: string) => `${who}${++n}@ecole.test`;
const GOOD = 'trois mots suffisent';

/** Invites a person as `manager`'s cookie and returns the answer's data. */
async function invite(cookie: string, overrides: Record<string, unknown> = {}) {
  const res = await call(s.url, 'user.invite', { name: 'Léa Invitée', email: email('invitee'), role: 'mentor', isEvaluator: false, ...overrides }, { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return data(res) as { user: { id: number; email: string; status: string }; setPasswordUrl: string; expiresAt: string };
}

const tokenOf = (url: string) => new URL(url).hash.slice(1);

describe('first run', () => {
  // This file's database starts empty: the first test is the first run.
  it('shows the setup while no one has an account, creates the first manager and signs them in, then answers NOT_FOUND', async () => {
    expect(data(await call(s.url, 'setup.status', undefined, { method: 'GET' }))).toEqual({ needsSetup: true });
    const weak = await call(s.url, 'setup.createManager', { name: 'Camille', email: 'camille@ecole.test', password: 'short' });
    expect(weak.status).toBe(400);
    expect(errorOf(weak).message).toMatch(/at least 10 characters/);
    const res = await call(s.url, 'setup.createManager', { name: 'Camille Laurent', email: 'Camille@Ecole.test', password: GOOD }, { header: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(data(res)).toMatchObject({ email: 'camille@ecole.test', role: 'manager' });
    const cookie = cookieOf(res)!;
    expect(data(await call(s.url, 'auth.me', undefined, { method: 'GET', cookie }))).toMatchObject({ email: 'camille@ecole.test' });
    expect(data(await call(s.url, 'setup.status', undefined, { method: 'GET' }))).toEqual({ needsSetup: false });
    const replay = await call(s.url, 'setup.createManager', { name: 'Mallory', email: 'mallory@ecole.test', password: GOOD });
    expect(replay.status).toBe(404);
    expect(await s.db.models.User.count()).toBe(1);
    const trail = await s.db.models.AuditEvent.findAll({ where: { type: 'setup_done' }, raw: true });
    expect(trail).toHaveLength(1);
  });

  it('creates exactly one manager when several setups run at once', { timeout: 30_000 }, async () => {
    const own = await testDatabase();
    try {
      const anonymous = await callerFor(own.db, null);
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => anonymous.setup.createManager({ name: `Manager ${i}`, email: i % 2 ? 'same@ecole.test' : `first${i}@ecole.test`, password: GOOD })),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const a of attempts) if (a.status === 'rejected') expect((a.reason as { code: string }).code).toBe('NOT_FOUND');
      expect(await own.db.models.User.count()).toBe(1);
      expect(await anonymous.setup.status()).toEqual({ needsSetup: false });
    } finally {
      await own.drop();
    }
  });
});

/** Runs the CLI as `npm run relais` does, on the database named by `env`. */
function relais(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/cli/index.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', RELAIS_PASSWORD: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
    // A command that exits before reading its input closes the pipe: not an error of the test's.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

describe('the command line', () => {
  it('lists its commands, creates a manager who can sign in, and says so when the email exists', { timeout: 60_000 }, async () => {
    const own = await testDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-cli-'));
    // On SQLite the CLI opens a file of its own; on PostgreSQL the test's database.
    const env: Record<string, string> = own.url ? { DATABASE_URL: own.url } : { RELAIS_DB: path.join(dir, 'relais.sqlite') };
    try {
      const help = await relais(['help'], env);
      expect(help.code, help.err).toBe(0);
      expect(help.out).toMatch(/create-manager/);
      const created = await relais(['create-manager', '--email', 'Direction@Ecole.test', '--name', 'Jeanne Direction'], { ...env, RELAIS_PASSWORD: GOOD });
      expect(created.code, created.err).toBe(0);
      expect(created.out).toMatch(/Created the manager Jeanne Direction <direction@ecole.test>/);
      const again = await relais(['create-manager', '--email', 'direction@ecole.test', '--name', 'Jeanne Direction'], { ...env, RELAIS_PASSWORD: GOOD });
      expect(again.code, again.out + again.err).toBe(1);
      expect(again.err).toMatch(/already has an account with the email direction@ecole\.test/);
      const common = await relais(['create-manager', '--email', 'autre@ecole.test', '--name', 'Autre'], { ...env, RELAIS_PASSWORD: 'password123' });
      expect(common.code, common.out + common.err).toBe(1);
      expect(common.err).toMatch(/most common/);
      // Piped: the first line of standard input is the password.
      const piped = await relais(['create-manager', '--name=Piped', '--email=piped@ecole.test'], env, `${GOOD}\n`);
      expect(piped.code, piped.err).toBe(0);
      const usage = await relais(['create-manager', '--email', 'x@ecole.test'], env);
      expect(usage.code, usage.out + usage.err).toBe(2);
      expect(usage.err).toMatch(/--name is required/);
      expect((await relais(['explode'], env)).code).toBe(2);

      if (!own.url) {
        const { openDatabase } = await import('../../server/db/sequelize');
        const db = openDatabase({ storage: path.join(dir, 'relais.sqlite') });
        try {
          const session = await login(db, { email: 'direction@ecole.test', password: GOOD, now: new Date(), days: 14, client: UNKNOWN_CLIENT, previousToken: null });
          expect(session.user).toMatchObject({ role: 'manager', name: 'Jeanne Direction' });
        } finally {
          await db.close();
        }
      } else {
        const session = await login(own.db, { email: 'direction@ecole.test', password: GOOD, now: new Date(), days: 14, client: UNKNOWN_CLIENT, previousToken: null });
        expect(session.user.role).toBe('manager');
      }
    } finally {
      await own.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invitations', () => {
  it('invites a mentor with a one-time link: no sign-in before, the link sets the password and signs in, and works once', async () => {
    const manager = await makeManager(s.db);
    const cookie = await signIn(s.url, manager.email);
    const invited = await invite(cookie);
    expect(invited.setPasswordUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password#[\w-]{40,}$/);
    expect(invited.user.status).toBe('invited');
    expect(new Date(invited.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    // Only the token's digest is stored.
    const stored = await s.db.models.Invitation.findOne({ where: { userId: invited.user.id } });
    expect(stored!.tokenHash).not.toContain(tokenOf(invited.setPasswordUrl));

    // No password yet: the answer of a wrong one.
    const before = await call(s.url, 'auth.login', { email: invited.user.email, password: 'anything at all' });
    expect(before.status).toBe(401);
    expect(errorOf(before).message).toBe('Wrong email or password.');

    const token = tokenOf(invited.setPasswordUrl);
    expect((await call(s.url, 'auth.setPassword', { token, password: 'azertyuiop' })).status).toBe(400);
    const set = await call(s.url, 'auth.setPassword', { token, password: GOOD });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(data(set)).toMatchObject({ id: invited.user.id, role: 'mentor' });
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: cookieOf(set)! })).status).toBe(200);
    const replay = await call(s.url, 'auth.setPassword', { token, password: 'another fine passphrase' });
    expect(replay.status).toBe(404);
    expect(errorOf(replay).message).toMatch(/does not work any more/);
    expect((await call(s.url, 'auth.login', { email: invited.user.email, password: GOOD })).status).toBe(200);

    const list = data(await call(s.url, 'user.list', undefined, { method: 'GET', cookie }));
    expect(list.find((u: { id: number }) => u.id === invited.user.id)).toMatchObject({ status: 'active', hasPassword: true, invitation: { status: 'used' } });
  });

  it('resends (the old link stops working) and revokes; a link expires after 7 days; a taken email is refused', async () => {
    const manager = await makeManager(s.db);
    const api = await callerFor(s.db, manager);
    const first = await api.user.invite({ name: 'Hugo', email: email('hugo'), role: 'mentor', isEvaluator: true });
    await expectTRPCError(api.user.invite({ name: 'Hugo bis', email: first.user.email.toUpperCase(), role: 'manager', isEvaluator: false }), 'CONFLICT');
    const second = await api.user.resendInvite({ userId: first.user.id });
    expect(second.setPasswordUrl).not.toBe(first.setPasswordUrl);
    const anonymous = await callerFor(s.db, null);
    await expectTRPCError(anonymous.auth.setPassword({ token: tokenOf(first.setPasswordUrl), password: GOOD }), 'NOT_FOUND');
    expect((await api.user.revokeInvite({ userId: first.user.id })).status).toBe('invitation_revoked');
    await expectTRPCError(anonymous.auth.setPassword({ token: tokenOf(second.setPasswordUrl), password: GOOD }), 'NOT_FOUND');
    await expectTRPCError(api.user.revokeInvite({ userId: first.user.id }), 'NOT_FOUND');

    const third = await api.user.resendInvite({ userId: first.user.id });
    const later = await callerFor(s.db, null, { now: new Date(Date.now() + 8 * 86_400_000) });
    await expectTRPCError(later.auth.setPassword({ token: tokenOf(third.setPasswordUrl), password: GOOD }), 'NOT_FOUND');
    expect((await api.user.get({ userId: first.user.id })).user.status).toBe('invited');
    expect((await callerFor(s.db, manager, { now: new Date(Date.now() + 8 * 86_400_000) }).then((c) => c.user.get({ userId: first.user.id }))).user.status).toBe('invitation_expired');
  });

  it('a new link for someone with a password resets it: their sessions end once it is used', async () => {
    const manager = await makeManager(s.db);
    const mentor = await makeUser(s.db);
    const mentorCookie = await signIn(s.url, mentor.email);
    const api = await callerFor(s.db, manager);
    const link = await api.user.resendInvite({ userId: mentor.id });
    // The old password works until the link is used.
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: mentorCookie })).status).toBe(200);
    const set = await call(s.url, 'auth.setPassword', { token: tokenOf(link.setPasswordUrl), password: GOOD });
    expect(set.status).toBe(200);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: mentorCookie })).status).toBe(401);
    expect((await call(s.url, 'auth.login', { email: mentor.email, password: PASSWORD })).status).toBe(401);
  });
});

describe('deactivation', () => {
  it('ends every session at once, refuses sign-in as a wrong password would, keeps open cards, and never offers the person again; reactivation undoes it', async () => {
    const manager = await makeManager(s.db);
    const project = await makeProject(s.db);
    const mentor = await makeUser(s.db, { capacity: 5, projectIds: [project.id] });
    const evaluator = await makeUser(s.db, { isEvaluator: true, capacity: 5, acceptsRqth: true, projectIds: [project.id] });
    const learner = await makeLearner(s.db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
    const other = await makeLearner(s.db, { mentorId: evaluator.id, currentProjectId: project.id, pathId: project.pathId });
    const defense = await makeCard(s.db, { boardId: await boardId(s.db, 'defense'), learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
    const transfer = await makeCard(s.db, { boardId: await boardId(s.db, 'transfer'), learnerId: other.id, columnKey: 'proposals', handoverDate: inDays(20).slice(0, 10), reason: 'Projet suivant' });
    const evaluatorCard = await makeCard(s.db, { boardId: await boardId(s.db, 'defense'), learnerId: other.id, columnKey: 'proposals', defenseDate: new Date(inDays(21)) });
    const laptop = await signIn(s.url, evaluator.email);
    const phone = await signIn(s.url, evaluator.email);
    const cookie = await signIn(s.url, manager.email);
    const api = await callerFor(s.db, manager);
    expect((await api.card.eligibleEvaluators({ cardId: defense.id })).map((r) => r.mentorId)).toContain(evaluator.id);

    const res = await call(s.url, 'user.deactivate', { userId: evaluator.id }, { cookie });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(data(res)).toMatchObject({ active: false, status: 'deactivated', deactivatedAt: expect.any(String) });
    for (const c of [laptop, phone]) expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: c })).status).toBe(401);
    expect(await s.db.models.Session.count({ where: { userId: evaluator.id } })).toBe(0);
    const refused = await call(s.url, 'auth.login', { email: evaluator.email, password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(errorOf(refused).message).toBe('Wrong email or password.');

    // Their cards stay, and the catalog says they are deactivated.
    expect((await s.db.models.Card.findByPk(evaluatorCard.id))!.archived).toBe(false);
    const board = await api.board.get({ boardId: evaluatorCard.boardId });
    expect(board.cards.map((c) => c.id)).toContain(evaluatorCard.id);
    expect((await api.catalog.get()).people.find((p) => p.id === evaluator.id)).toMatchObject({ active: false });
    expect((await api.catalog.get()).people.find((p) => p.id === mentor.id)).not.toHaveProperty('active');

    // Never offered, and refused if chosen anyway.
    expect((await api.card.eligibleEvaluators({ cardId: defense.id })).map((r) => r.mentorId)).not.toContain(evaluator.id);
    const chosen = await expectTRPCError(api.card.assignEvaluator({ cardId: defense.id, evaluatorId: evaluator.id }), 'PRECONDITION_FAILED', 'evaluator_ineligible');
    expect(chosen.message).toMatch(/is deactivated/);
    expect((await api.mentor.list()).map((m) => m.id)).not.toContain(evaluator.id);
    const otherTransfer = await makeCard(s.db, { boardId: transfer.boardId, learnerId: learner.id, columnKey: 'proposals', handoverDate: inDays(22).slice(0, 10), reason: 'Projet suivant' });
    expect((await api.transfer.eligibleMentors({ cardId: otherTransfer.id })).map((r) => r.mentorId)).not.toContain(evaluator.id);
    await expectTRPCError(api.transfer.assignMentor({ cardId: otherTransfer.id, mentorId: evaluator.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');

    const back = await api.user.reactivate({ userId: evaluator.id });
    expect(back).toMatchObject({ active: true, status: 'active', deactivatedAt: null });
    expect((await call(s.url, 'auth.login', { email: evaluator.email, password: PASSWORD })).status).toBe(200);
    expect((await api.card.eligibleEvaluators({ cardId: defense.id })).map((r) => r.mentorId)).toContain(evaluator.id);

    const history = (await api.user.get({ userId: evaluator.id })).history.map((h) => h.type);
    expect(history).toEqual(expect.arrayContaining(['user_deactivated', 'user_reactivated', 'sign_in', 'sign_in_failed']));
  });
});

describe('live streams', () => {
  it('a deactivated person’s open board stream stops at once, with UNAUTHORIZED, and sends nothing more', async () => {
    const manager = await makeManager(s.db);
    const mentor = await makeUser(s.db);
    const other = await makeUser(s.db);
    const events = createEventBus();
    const board = await boardId(s.db, 'defense');
    const open = async (user: typeof mentor) => {
      const abort = new AbortController();
      const caller = createCaller(await createContextInner({ db: s.db, events, user: toSessionUser(user) }), { signal: abort.signal });
      const stream = (await caller.board.events({ boardId: board })) as AsyncIterable<unknown>;
      const iterator = stream[Symbol.asyncIterator]();
      return { next: () => iterator.next(), abort };
    };
    const mine = await open(mentor);
    const theirs = await open(other);
    const ending = mine.next().then(
      () => null,
      (e: unknown) => e,
    );
    const still = theirs.next();
    await (await callerFor(s.db, manager, { events })).user.deactivate({ userId: mentor.id });
    expect(((await ending) as { code?: string } | null)?.code).toBe('UNAUTHORIZED');
    // Another person's stream goes on.
    const learner = await makeLearner(s.db, { mentorId: other.id });
    await (await callerFor(s.db, other, { events })).card.create({ boardId: board, learnerId: learner.id, description: 'Livrables', defenseDate: inDays(30) });
    expect(await Promise.race([still.then(() => 'event'), new Promise((r) => setTimeout(() => r('nothing'), 3000))])).toBe('event');
    theirs.abort.abort();
  });
});

describe('the last manager', () => {
  it('can be neither deactivated nor demoted; with another manager, both can', async () => {
    const own = await testDatabase();
    try {
      const only = await makeManager(own.db);
      const api = await callerFor(own.db, only);
      const refused = await expectTRPCError(api.user.deactivate({ userId: only.id }), 'PRECONDITION_FAILED', 'last_manager');
      expect(refused.message).toMatch(/last active manager/);
      await expectTRPCError(api.user.update({ userId: only.id, role: 'mentor' }), 'PRECONDITION_FAILED', 'last_manager');
      const second = await makeManager(own.db);
      expect((await api.user.update({ userId: second.id, role: 'mentor' })).role).toBe('mentor');
      expect((await api.user.update({ userId: second.id, role: 'manager' })).role).toBe('manager');
      expect((await api.user.deactivate({ userId: second.id })).active).toBe(false);
      await expectTRPCError(api.user.deactivate({ userId: only.id }), 'PRECONDITION_FAILED', 'last_manager');
    } finally {
      await own.drop();
    }
  });

  it('two managers deactivating each other at once: one of them stays', { timeout: 30_000 }, async () => {
    const own = await testDatabase();
    try {
      const a = await makeManager(own.db);
      const b = await makeManager(own.db);
      const [byA, byB] = await Promise.all([callerFor(own.db, a), callerFor(own.db, b)]);
      const outcomes = await Promise.allSettled([byA.user.deactivate({ userId: b.id }), byB.user.deactivate({ userId: a.id }), byA.user.update({ userId: a.id, role: 'mentor' })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await own.db.models.User.count({ where: { role: 'manager', active: true } })).toBe(1);
    } finally {
      await own.drop();
    }
  });
});

describe('editing people', () => {
  it('a manager edits name, role, evaluator status and the mentoring profile, recorded on the person’s page; a mentor with learners cannot become a manager', async () => {
    const manager = await makeManager(s.db);
    const project = await makeProject(s.db);
    const mentor = await makeUser(s.db, { capacity: 2 });
    const api = await callerFor(s.db, manager);
    const updated = await api.user.update({ userId: mentor.id, name: 'Julien Moreau', isEvaluator: true, capacity: 6, projectIds: [project.id], acceptsRqth: true });
    expect(updated).toMatchObject({ name: 'Julien Moreau', isEvaluator: true, capacity: 6, projectIds: [project.id], acceptsRqth: true });
    await makeLearner(s.db, { mentorId: mentor.id });
    await expectTRPCError(api.user.update({ userId: mentor.id, role: 'manager' }), 'PRECONDITION_FAILED', 'mentor_has_learners');
    await expectTRPCError(api.user.update({ userId: mentor.id, capacity: 0 }), 'PRECONDITION_FAILED', 'capacity_below_load');
    const page = await api.user.get({ userId: mentor.id });
    const line = page.history.find((h) => h.type === 'user_updated')!;
    expect(line).toMatchObject({ actorId: manager.id, data: { changes: { name: { to: 'Julien Moreau' }, capacity: { from: 2, to: 6 } } } });
  });

  it('a mentor edits their own capacity, projects and RQTH acceptance, not their evaluator status; a manager has no such profile', async () => {
    const project = await makeProject(s.db);
    const mentor = await makeUser(s.db, { capacity: 3 });
    const manager = await makeManager(s.db);
    const api = await callerFor(s.db, mentor);
    expect(await api.mentor.updateSelf({ capacity: 8, projectIds: [project.id], acceptsRqth: true })).toMatchObject({ id: mentor.id, capacity: 8, projectIds: [project.id], acceptsRqth: true });
    await expectTRPCError(api.mentor.updateSelf({ isEvaluator: true } as never), 'BAD_REQUEST');
    expect((await s.db.models.User.findByPk(mentor.id))!.isEvaluator).toBe(false);
    await expectTRPCError((await callerFor(s.db, manager)).mentor.updateSelf({ capacity: 3 }), 'FORBIDDEN');
    await expectTRPCError((await callerFor(s.db, null)).mentor.updateSelf({ capacity: 3 }), 'UNAUTHORIZED');
  });

  it('user.* are for managers: a mentor is refused, anonymous too', async () => {
    const mentor = await makeUser(s.db);
    const mentorApi = await callerFor(s.db, mentor);
    const anonymous = await callerFor(s.db, null);
    for (const [api, code] of [[mentorApi, 'FORBIDDEN'], [anonymous, 'UNAUTHORIZED']] as const) {
      await expectTRPCError(api.user.list(), code);
      await expectTRPCError(api.user.get({ userId: mentor.id }), code);
      await expectTRPCError(api.user.invite({ name: 'X', email: email('x'), role: 'manager', isEvaluator: false }), code);
      await expectTRPCError(api.user.update({ userId: mentor.id, role: 'manager' }), code);
      await expectTRPCError(api.user.deactivate({ userId: mentor.id }), code);
      await expectTRPCError(api.user.reactivate({ userId: mentor.id }), code);
      await expectTRPCError(api.user.resendInvite({ userId: mentor.id }), code);
      await expectTRPCError(api.user.revokeInvite({ userId: mentor.id }), code);
    }
    expect((await s.db.models.User.findByPk(mentor.id))!.role).toBe('mentor');
  });
});

describe('my account', () => {
  it('changes the password: the current one required, at least 10 characters, not a common one; the other sessions end', async () => {
    const mentor = await makeUser(s.db);
    const laptop = await signIn(s.url, mentor.email);
    const phone = await signIn(s.url, mentor.email);
    const change = (input: object) => call(s.url, 'auth.changePassword', input, { cookie: laptop });
    const wrong = await change({ currentPassword: 'not it at all', newPassword: GOOD });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).message).toBe('Your current password is not right.');
    expect(errorOf(await change({ currentPassword: PASSWORD, newPassword: 'court' })).message).toMatch(/at least 10 characters/);
    expect(errorOf(await change({ currentPassword: PASSWORD, newPassword: 'Password123' })).message).toMatch(/most common/);
    expect(errorOf(await change({ currentPassword: PASSWORD, newPassword: mentor.email })).message).toMatch(/email/);
    // In the reader's language.
    const fr = await fetch(`${s.url}/trpc/auth.changePassword`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', 'x-relais-locale': 'fr', cookie: laptop },
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'azertyuiop' }),
    });
    expect(((await fr.json()) as any).error.message).toMatch(/plus courants/);
    const ok = await change({ currentPassword: PASSWORD, newPassword: GOOD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(data(ok)).toEqual({ ok: true, endedSessions: 1 });
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: laptop })).status).toBe(200);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: phone })).status).toBe(401);
    expect((await call(s.url, 'auth.login', { email: mentor.email, password: GOOD })).status).toBe(200);
    const types = (await s.db.models.AuditEvent.findAll({ where: { subjectId: mentor.id }, raw: true })).map((e) => e.type);
    expect(types).toContain('password_changed');
  });

  it('lists one’s own sessions (browser, address, last seen, the current one marked) and ends one by its public id', async () => {
    const mentor = await makeUser(s.db);
    const other = await makeUser(s.db);
    const signInAs = async (who: string, agent: string) => {
      const res = await fetch(`${s.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', 'user-agent': agent },
        body: JSON.stringify({ email: who, password: PASSWORD }),
      });
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const laptop = await signInAs(mentor.email, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
    const phone = await signInAs(mentor.email, 'Mozilla/5.0 (iPhone) Version/17.0 Mobile/15E148 Safari/604.1');
    const theirs = await signInAs(other.email, 'curl/8.5.0');
    const sessions = data(await call(s.url, 'auth.sessions', undefined, { method: 'GET', cookie: laptop }));
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ current: true, userAgent: expect.stringContaining('Firefox'), ip: '127.0.0.1', lastSeenAt: expect.any(String) });
    expect(sessions[1]).toMatchObject({ current: false, userAgent: expect.stringContaining('iPhone') });
    // The public id is neither the token nor its digest.
    const rows = await s.db.models.Session.findAll({ where: { userId: mentor.id }, raw: true });
    for (const row of rows) expect(sessions.map((x: { id: string }) => x.id)).not.toContain(row.id);
    const theirId = data(await call(s.url, 'auth.sessions', undefined, { method: 'GET', cookie: theirs }))[0].id;
    expect((await call(s.url, 'auth.endSession', { sessionId: theirId }, { cookie: laptop })).status).toBe(404);
    const ended = await call(s.url, 'auth.endSession', { sessionId: sessions[1].id }, { cookie: laptop });
    expect(data(ended)).toEqual({ ok: true, current: false });
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: phone })).status).toBe(401);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: theirs })).status).toBe(200);
    const own = await call(s.url, 'auth.endSession', { sessionId: sessions[0].id }, { cookie: laptop });
    expect(data(own)).toEqual({ ok: true, current: true });
    expect(own.headers.get('set-cookie')).toMatch(/relais_session=;/);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: laptop })).status).toBe(401);
    expect((await s.db.models.AuditEvent.findAll({ where: { type: 'session_ended', actorId: mentor.id } })).length).toBe(2);
  });
});

describe.runIf(onPostgres)('on PostgreSQL', () => {
  it('runs this file on PostgreSQL', () => expect(s.db.dialect).toBe('postgres'));
});
