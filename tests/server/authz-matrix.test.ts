/**
 * The authorisation matrix: for every procedure of the router, what each kind of caller
 * gets. One row per procedure (a row may hold several cases: a draft and an assigned card
 * are not seen alike); each case builds a valid input on fresh state for each caller, so
 * an allowed call is a real call that must succeed, and a refusal is refused for its role,
 * not for a stale card. The first two tests keep the table and the router in step: a new
 * procedure without a row fails, and so does a row for a procedure the router lacks.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { dayIn, inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser, PASSWORD } from '../helpers/factories';
import { createContextInner } from '../../server/context';
import type { Card, Learner, Project, User } from '../../server/db/models';
import type { Database } from '../../server/db/sequelize';
import { appRouter, createCaller } from '../../server/routers/_app';
import { digest, toSessionUser } from '../../server/services/auth';
import { DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';
import type { ColumnKey } from '../../shared/workflow/boards';

/** The callers, in the order of the matrix's columns. */
const CALLERS = ['anonymous', 'mentor', 'otherMentor', 'evaluator', 'manager'] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'ok' | TRPCError['code'];

/** A line of the matrix, in the order of CALLERS: anonymous, mentor, other mentor, evaluator, manager. */
function row(anonymous: Outcome, mentor: Outcome, otherMentor: Outcome, evaluator: Outcome, manager: Outcome): Record<Caller, Outcome> {
  return { anonymous, mentor, otherMentor, evaluator, manager };
}

/** Every signed-in user may; anonymous may not. */
const SIGNED_IN = row('UNAUTHORIZED', 'ok', 'ok', 'ok', 'ok');
/** Managers only. */
const MANAGERS = row('UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok');
/** Anyone, signed in or not. */
const EVERYONE = row('ok', 'ok', 'ok', 'ok', 'ok');

let t: TestDatabase;
let db: Database;

/**
 * The small school every case starts from: a manager; the mentor, whose learners the cards
 * are about; another mentor; an evaluator (a mentor with evaluator status, qualified for
 * the project). Each case adds the cards and learners it needs, fresh for each caller.
 */
interface School {
  project: Project;
  manager: User;
  mentor: User;
  otherMentor: User;
  evaluator: User;
  learner: Learner;
  defenses: number;
  transfers: number;
  users: Record<Caller, User | null>;
  /** The callers' password hash (PASSWORD), put back after auth.changePassword. */
  passwordHash: string;
}
let s: School;

beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
  const project = await makeProject(db);
  const manager = await makeManager(db);
  const mentor = await makeUser(db, { name: 'Matrix Mentor', capacity: 200, projectIds: [project.id] });
  const otherMentor = await makeUser(db, { name: 'Matrix Other', capacity: 200, projectIds: [project.id] });
  const evaluator = await makeUser(db, { name: 'Matrix Evaluator', isEvaluator: true, capacity: 200, projectIds: [project.id] });
  const learner = await makeLearner(db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
  s = {
    project,
    manager,
    mentor,
    otherMentor,
    evaluator,
    learner,
    defenses: await boardId(db, 'defense'),
    transfers: await boardId(db, 'transfer'),
    users: { anonymous: null, mentor, otherMentor, evaluator, manager },
    passwordHash: mentor.passwordHash,
  };
});
afterAll(() => t?.drop());

let slots = 0;
/** A defense hour no other card of the file holds, so the evaluator is never busy at it. */
function freshSlot(): Date {
  const n = slots++;
  return new Date(inDays(16 + Math.floor(n / 10), 8 + (n % 10)));
}

/** A learner of the mentor's, with a complete profile and no card yet. */
const freshLearner = () => makeLearner(db, { mentorId: s.mentor.id, currentProjectId: s.project.id, pathId: s.project.pathId });

/** A defense card of the mentor's learner in `columnKey`; in Assigned, the evaluator holds it. */
function defense(columnKey: ColumnKey, overrides: Partial<Card['_creationAttributes']> = {}) {
  return makeCard(db, {
    boardId: s.defenses,
    learnerId: s.learner.id,
    columnKey,
    defenseDate: freshSlot(),
    ...(columnKey === 'assigned' ? { evaluatorId: s.evaluator.id } : {}),
    ...overrides,
  });
}

/** A transfer request for a fresh learner of the mentor's (one open request per learner). */
async function transfer(columnKey: ColumnKey) {
  const learner = await freshLearner();
  return makeCard(db, { boardId: s.transfers, learnerId: learner.id, columnKey, handoverDate: dayIn(20), reason: 'Projet suivant hors de ses compétences' });
}

/** A mentor nobody else uses, qualified for the project, with room for a learner. */
const freshMentor = (overrides: Partial<User['_creationAttributes']> = {}) => makeUser(db, { capacity: 3, acceptsRqth: true, projectIds: [s.project.id], ...overrides });

const NEW_PASSWORD = 'a fresh long passphrase';
let fresh = 0;

/** A person invited a moment ago (no password yet), and the token of their set-password link. */
async function invitedWithLink() {
  const user = await makeUser(db, { passwordHash: '' });
  const token = `matrix-token-${++fresh}-${Math.random()}`;
  await db.models.Invitation.create({ userId: user.id, tokenHash: digest(token), createdById: s.manager.id, createdAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
  return { userId: user.id, token };
}

interface Case {
  /** What the call is about, when a procedure has several cases. */
  on?: string;
  /** A valid input, built on fresh state for each caller. */
  input: (caller: Caller) => Promise<unknown> | unknown;
  expect: Record<Caller, Outcome>;
  /** What an allowed call must have done, beyond not throwing. */
  check?: (result: any, caller: Caller, input: any) => void | Promise<void>;
  /** How to call it, when not as a plain query or mutation (the subscription). */
  call?: (user: User | null, input: any) => Promise<unknown>;
}

/**
 * The subscription, called as the HTTP adapter would: an allowed caller gets the stream and
 * its first event (the backlog after `lastEventId` 0); a refused one, the error.
 */
async function subscribeOnce(user: User | null, input: unknown) {
  const abort = new AbortController();
  const caller = createCaller(await createContextInner({ db, user: user ? toSessionUser(user) : null }), { signal: abort.signal });
  try {
    const stream = (await caller.board.events(input as never)) as AsyncIterable<unknown>;
    const first = await stream[Symbol.asyncIterator]().next();
    return first.value;
  } finally {
    abort.abort();
  }
}

const ownId = (caller: Caller) => s.users[caller]?.id;

/** `card` taken off the board (as card.withdraw or card.archive leave it), by its mentor or a manager. */
async function offBoard(card: Card, kind: 'withdrawn' | 'archived') {
  return card.update({ archived: true, archivedAt: new Date(), archivedById: kind === 'withdrawn' ? card.mentorId : s.manager.id, archiveKind: kind, archiveReason: 'Matrice' });
}

/** A comment the mentor wrote on one of their proposals. */
async function mentorsComment() {
  const card = await defense('proposals');
  return db.models.Comment.create({ cardId: card.id, authorId: s.mentor.id, body: 'Lien à vérifier.', createdAt: new Date() });
}

const MATRIX: Record<string, Case[]> = {
  'auth.login': [
    {
      on: 'the right password',
      input: () => ({ email: s.mentor.email, password: PASSWORD }),
      expect: EVERYONE,
      check: (user) => expect(user).toMatchObject({ id: s.mentor.id, role: 'mentor' }),
    },
    { on: 'a wrong password', input: () => ({ email: s.mentor.email, password: 'not the password' }), expect: row('UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED') },
  ],
  'auth.logout': [{ input: () => undefined, expect: EVERYONE, check: (result) => expect(result).toEqual({ ok: true }) }],
  // Being worked on: a signed-in user ends all their sessions.
  'auth.logoutEverywhere': [{ input: () => undefined, expect: SIGNED_IN }],
  'auth.me': [{ input: () => undefined, expect: SIGNED_IN, check: (me, caller) => expect(me.id).toBe(ownId(caller)) }],
  'auth.session': [{ input: () => undefined, expect: EVERYONE, check: (session, caller) => expect(session?.id ?? null).toBe(ownId(caller) ?? null) }],
  'auth.setPassword': [
    {
      on: 'a fresh invitation’s link',
      input: async () => ({ token: (await invitedWithLink()).token, password: NEW_PASSWORD }),
      expect: EVERYONE,
      check: (user) => expect(user).toMatchObject({ role: 'mentor' }),
    },
  ],
  'auth.changePassword': [
    {
      input: () => ({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      expect: SIGNED_IN,
      // Put the password back, for the other cases' sign-ins.
      check: async (result, caller) => {
        expect(result).toMatchObject({ ok: true });
        await db.models.User.update({ passwordHash: s.passwordHash }, { where: { id: ownId(caller)! } });
      },
    },
  ],
  'auth.sessions': [{ input: () => undefined, expect: SIGNED_IN, check: (sessions) => expect(sessions).toEqual(expect.any(Array)) }],
  'auth.endSession': [
    {
      on: 'one of the caller’s own sessions',
      input: async (caller) => {
        const user = s.users[caller];
        if (!user) return { sessionId: 'no-session-of-theirs' };
        const session = await db.models.Session.create({ id: `matrix-${caller}-${Math.random()}`, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
        return { sessionId: session.publicId };
      },
      expect: SIGNED_IN,
      check: async (result, _caller, input) => {
        expect(result).toEqual({ ok: true, current: false });
        expect(await db.models.Session.count({ where: { publicId: input.sessionId } })).toBe(0);
      },
    },
  ],
  'setup.status': [{ input: () => undefined, expect: EVERYONE, check: (status) => expect(status).toEqual({ needsSetup: false }) }],
  // Once anyone has an account, the setup is gone for everyone.
  'setup.createManager': [{ input: () => ({ name: 'Late Setup', email: `setup${++fresh}@relais.test`, password: NEW_PASSWORD }), expect: row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND') }],
  'user.list': [{ input: () => undefined, expect: MANAGERS, check: (users) => expect(users.map((u: { id: number }) => u.id)).toContain(s.mentor.id) }],
  'user.get': [{ input: () => ({ userId: s.mentor.id }), expect: MANAGERS, check: (page) => expect(page.user.id).toBe(s.mentor.id) }],
  'user.invite': [
    {
      input: () => ({ name: 'Invited Mentor', email: `invited${++fresh}@relais.test`, role: 'mentor', isEvaluator: false }),
      expect: MANAGERS,
      check: (result) => expect(result).toMatchObject({ user: { status: 'invited' }, setPasswordUrl: expect.stringContaining('/set-password#') }),
    },
  ],
  'user.resendInvite': [
    {
      on: 'an invited person',
      input: async () => ({ userId: (await invitedWithLink()).userId }),
      expect: MANAGERS,
      check: (result, _caller, input) => expect(result.user).toMatchObject({ id: input.userId, status: 'invited' }),
    },
  ],
  'user.revokeInvite': [
    {
      on: 'an invited person',
      input: async () => ({ userId: (await invitedWithLink()).userId }),
      expect: MANAGERS,
      check: (user) => expect(user.status).toBe('invitation_revoked'),
    },
  ],
  'user.update': [
    {
      input: async () => ({ userId: (await freshMentor()).id, name: 'Renamed Mentor', capacity: 4 }),
      expect: MANAGERS,
      check: (user) => expect(user).toMatchObject({ name: 'Renamed Mentor', capacity: 4 }),
    },
  ],
  'user.deactivate': [{ input: async () => ({ userId: (await freshMentor()).id }), expect: MANAGERS, check: (user) => expect(user).toMatchObject({ active: false }) }],
  'user.reactivate': [
    {
      input: async () => ({ userId: (await freshMentor({ active: false, deactivatedAt: new Date() })).id }),
      expect: MANAGERS,
      check: (user) => expect(user).toMatchObject({ active: true }),
    },
  ],
  // Being worked on: the audit trail, for managers only.
  'audit.list': [{ input: () => ({}), expect: MANAGERS }],
  'board.list': [{ input: () => undefined, expect: SIGNED_IN, check: (boards) => expect(boards.map((b: { kind: string }) => b.kind).sort()).toEqual(['defense', 'transfer']) }],
  'board.get': [
    {
      input: async () => ({ boardId: (await defense('proposals')).boardId }),
      expect: SIGNED_IN,
      check: (board) => expect(board.columns.map((c: { key: string }) => c.key)).toEqual(['drafts', 'proposals', 'profile_to_update', 'assigned', 'done']),
    },
    {
      on: 'its withdrawn and archived cards',
      input: async () => ({ boardId: (await offBoard(await defense('proposals'), 'withdrawn')).boardId, archived: true }),
      expect: SIGNED_IN,
      check: (board) => {
        expect(board.cards.length).toBeGreaterThan(0);
        for (const card of board.cards) expect(card.archive).toMatchObject({ kind: expect.stringMatching(/^(withdrawn|archived)$/) });
      },
    },
  ],
  'board.events': [
    {
      input: async () => ({ boardId: (await defense('proposals')).boardId, lastEventId: '0' }),
      expect: SIGNED_IN,
      call: subscribeOnce,
      // A tracked event: [its id, its data, tRPC's marker].
      check: ([id, data]) => {
        expect(id).toMatch(/^\d+$/);
        expect(data).toMatchObject({ id: Number(id), boardId: s.defenses });
      },
    },
  ],
  'card.create': [
    {
      on: "a learner of the mentor's",
      input: () => ({ boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables : https://github.com/lea/p2', defenseDate: freshSlot().toISOString() }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card) => expect(card).toMatchObject({ columnKey: 'drafts', mentorId: s.mentor.id, learnerId: s.learner.id }),
    },
  ],
  'card.get': [
    {
      on: "the mentor's draft",
      input: async () => ({ cardId: (await defense('drafts')).id }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card, _caller, input) => expect(card.id).toBe(input.cardId),
    },
    {
      on: 'a defense assigned to the evaluator',
      input: async () => ({ cardId: (await defense('assigned')).id }),
      expect: SIGNED_IN,
      check: (card, _caller, input) => expect(card).toMatchObject({ id: input.cardId, evaluatorId: s.evaluator.id }),
    },
  ],
  'card.update': [
    {
      on: "the mentor's draft",
      input: async () => {
        const card = await defense('drafts');
        return { cardId: card.id, version: card.version, description: 'Livrables, version 2' };
      },
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card, _caller, input) => expect(card).toMatchObject({ description: 'Livrables, version 2', version: input.version + 1 }),
    },
    {
      on: 'a defense assigned to the evaluator',
      input: async () => {
        const card = await defense('assigned');
        return { cardId: card.id, version: card.version, description: 'Livrables, version 2' };
      },
      // The mentor's own card, but assigned: only a manager changes it now (a rule, not a role).
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card.description).toBe('Livrables, version 2'),
    },
  ],
  'card.move': [
    {
      on: "the mentor's draft, to Proposals",
      input: async () => ({ cardId: (await defense('drafts')).id, toColumnKey: 'proposals' }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card) => expect(card.columnKey).toBe('proposals'),
    },
    {
      on: "the mentor's proposal, back to Drafts",
      input: async () => ({ cardId: (await defense('proposals')).id, toColumnKey: 'drafts' }),
      expect: row('UNAUTHORIZED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card.columnKey).toBe('drafts'),
    },
    {
      on: 'a defense assigned to the evaluator, to the top of Assigned',
      input: async () => ({ cardId: (await defense('assigned')).id, toColumnKey: 'assigned', toIndex: 0 }),
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card, _caller, input) => expect(card).toMatchObject({ id: input.cardId, columnKey: 'assigned', version: 2 }),
    },
  ],
  'card.editComment': [
    {
      on: "the mentor's own comment",
      input: async () => ({ commentId: (await mentorsComment()).id, body: 'Lien corrigé.' }),
      expect: row('UNAUTHORIZED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
      check: (comment, _caller, input) => expect(comment).toMatchObject({ id: input.commentId, body: 'Lien corrigé.', editedAt: expect.any(String) }),
    },
  ],
  'card.deleteComment': [
    {
      on: "the mentor's own comment",
      input: async () => ({ commentId: (await mentorsComment()).id }),
      expect: row('UNAUTHORIZED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
      check: async (_result, _caller, input) => expect((await db.models.Comment.findByPk(input.commentId))!.deletedAt).not.toBeNull(),
    },
  ],
  'card.comment': [
    {
      on: "the mentor's draft",
      input: async () => ({ cardId: (await defense('drafts')).id, body: 'Lien vérifié.' }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (comment, caller, input) => expect(comment).toMatchObject({ cardId: input.cardId, authorId: ownId(caller), body: 'Lien vérifié.' }),
    },
    {
      on: 'a defense in Proposals',
      input: async () => ({ cardId: (await defense('proposals')).id, body: 'Je peux aider.' }),
      expect: SIGNED_IN,
      check: (comment, caller) => expect(comment.authorId).toBe(ownId(caller)),
    },
  ],
  'card.eligibleEvaluators': [
    {
      input: async () => ({ cardId: (await defense('proposals')).id }),
      expect: MANAGERS,
      check: (rows) => expect(rows.find((r: { mentorId: number }) => r.mentorId === s.evaluator.id)).toMatchObject({ eligible: true }),
    },
  ],
  'card.assignEvaluator': [
    {
      input: async () => ({ cardId: (await defense('proposals')).id, evaluatorId: s.evaluator.id }),
      expect: MANAGERS,
      check: (card) => expect(card).toMatchObject({ columnKey: 'assigned', evaluatorId: s.evaluator.id }),
    },
  ],
  'card.recordOutcome': [
    {
      on: 'a defense assigned to the evaluator',
      input: async () => ({ cardId: (await defense('assigned')).id, outcome: 'passed' }),
      expect: row('UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok'),
      check: (result) => expect(result.card).toMatchObject({ columnKey: 'done', outcome: 'passed' }),
    },
  ],
  'catalog.get': [{ input: () => undefined, expect: SIGNED_IN, check: (catalog) => expect(catalog.projects.map((p: { id: number }) => p.id)).toContain(s.project.id) }],
  'learner.list': [
    {
      input: () => undefined,
      expect: SIGNED_IN,
      check: (learners, caller) => {
        // A mentor lists their own learners only; a manager, all of them.
        const ids = learners.map((l: { id: number }) => l.id);
        if (caller === 'mentor' || caller === 'manager') expect(ids).toContain(s.learner.id);
        else expect(ids).not.toContain(s.learner.id);
      },
    },
    {
      on: 'filtered: the path, active or not, with incomplete profiles',
      input: () => ({ pathId: s.project.pathId, status: 'all', missing: 'any', search: 'a' }),
      expect: SIGNED_IN,
      check: (learners) => {
        for (const l of learners) expect(l).toMatchObject({ pathId: s.project.pathId, missingCount: expect.any(Number) });
      },
    },
  ],
  'learner.get': [
    {
      on: "a learner of the mentor's with no card",
      input: async () => ({ learnerId: (await freshLearner()).id }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (learner, _caller, input) => expect(learner).toMatchObject({ id: input.learnerId, missingFields: [] }),
    },
    {
      on: 'a learner whose defense the evaluator holds',
      input: async () => {
        const learner = await freshLearner();
        await defense('assigned', { learnerId: learner.id });
        return { learnerId: learner.id };
      },
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'ok', 'ok'),
      check: (learner, _caller, input) => expect(learner.id).toBe(input.learnerId),
    },
  ],
  'learner.update': [
    {
      on: 'a learner whose defense the evaluator holds',
      input: async () => {
        const learner = await freshLearner();
        await defense('assigned', { learnerId: learner.id });
        return { learnerId: learner.id, availability: 'Mercredi matin' };
      },
      // The evaluator may read the profile, not edit it.
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'FORBIDDEN', 'ok'),
      check: (learner) => expect(learner.availability).toBe('Mercredi matin'),
    },
  ],
  'mentor.list': [{ input: () => undefined, expect: SIGNED_IN, check: (mentors) => expect(mentors.map((m: { id: number }) => m.id)).toContain(s.evaluator.id) }],
  'mentor.updateSelf': [
    {
      // Their capacity as it is: the other cases' mentors keep their room.
      input: () => ({ capacity: 200 }),
      expect: row('UNAUTHORIZED', 'ok', 'ok', 'ok', 'FORBIDDEN'),
      check: (mentor, caller) => expect(mentor).toMatchObject({ id: ownId(caller), capacity: 200 }),
    },
  ],
  'mentor.update': [
    {
      input: async () => ({ mentorId: (await freshMentor()).id, capacity: 7 }),
      expect: MANAGERS,
      check: (mentor) => expect(mentor).toMatchObject({ capacity: 7, remainingCapacity: 7 }),
    },
  ],
  'notification.list': [{ input: () => undefined, expect: SIGNED_IN, check: (list) => expect(list).toMatchObject({ items: expect.any(Array), unread: expect.any(Number) }) }],
  'notification.markRead': [
    {
      on: "one of the caller's own notifications",
      input: async (caller) => {
        const user = s.users[caller];
        if (!user) return { ids: [] };
        const n = await db.models.Notification.create({ userId: user.id, cardId: null, type: 'at_risk', data: {}, createdAt: new Date() });
        return { ids: [n.id] };
      },
      expect: SIGNED_IN,
      check: (list, _caller, input) => expect(list.items.find((n: { id: number }) => n.id === input.ids[0])).toMatchObject({ read: true }),
    },
  ],
  'settings.mandatoryFields': [{ input: () => undefined, expect: SIGNED_IN, check: (result) => expect(result.fields).toContain('firstName') }],
  'settings.setMandatoryFields': [
    {
      // The default list, so that setting it leaves every other case's profiles as they were.
      input: () => ({ fields: DEFAULT_MANDATORY_FIELDS }),
      expect: MANAGERS,
      check: (result) => expect(result.fields).toEqual(DEFAULT_MANDATORY_FIELDS),
    },
  ],
  'transfer.volunteer': [
    {
      on: 'a request in Proposals',
      input: async () => ({ cardId: (await transfer('proposals')).id }),
      // The learner's own mentor cannot take them over (a rule); managers do not volunteer (a role).
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'ok', 'ok', 'FORBIDDEN'),
      check: (card, caller) => expect(card.volunteerIds).toEqual([ownId(caller)]),
    },
    {
      on: "the mentor's draft request",
      input: async () => ({ cardId: (await transfer('drafts')).id }),
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN'),
    },
  ],
  'transfer.withdraw': [
    {
      on: 'a request in Proposals both other mentors volunteered for',
      input: async () => {
        const card = await transfer('proposals');
        for (const mentor of [s.otherMentor, s.evaluator]) await db.models.Volunteer.create({ cardId: card.id, mentorId: mentor.id, createdAt: new Date() });
        return { cardId: card.id };
      },
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'ok', 'ok', 'FORBIDDEN'),
      check: (card, caller) => {
        expect(card.volunteerIds).toHaveLength(1);
        expect(card.volunteerIds).not.toContain(ownId(caller));
      },
    },
  ],
  'transfer.eligibleMentors': [
    {
      input: async () => ({ cardId: (await transfer('proposals')).id }),
      expect: MANAGERS,
      check: (rows) => expect(rows.find((r: { mentorId: number }) => r.mentorId === s.otherMentor.id)).toMatchObject({ eligible: true }),
    },
  ],
  'transfer.assignMentor': [
    {
      input: async () => ({ cardId: (await transfer('proposals')).id, mentorId: (await freshMentor()).id }),
      expect: MANAGERS,
      check: (card, _caller, input) => expect(card).toMatchObject({ columnKey: 'assigned', newMentorId: input.mentorId }),
    },
  ],
  'card.withdraw': [
    {
      on: "the mentor's draft",
      input: async () => ({ cardId: (await defense('drafts')).id, reason: 'Déposée par erreur' }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card, caller) => expect(card).toMatchObject({ archived: true, archive: { kind: 'withdrawn', byId: ownId(caller), reason: 'Déposée par erreur' } }),
    },
    {
      on: 'a defense in Proposals',
      input: async () => ({ cardId: (await defense('proposals')).id, reason: 'Déposée par erreur' }),
      expect: row('UNAUTHORIZED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card.archived).toBe(true),
    },
    {
      on: 'a defense assigned to the evaluator',
      input: async () => ({ cardId: (await defense('assigned')).id, reason: 'Jury annulé' }),
      // The mentor's own card, but assigned: only a manager withdraws it now (a rule, not a role).
      expect: row('UNAUTHORIZED', 'PRECONDITION_FAILED', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card.archive).toMatchObject({ kind: 'withdrawn' }),
    },
  ],
  'card.archive': [
    {
      on: 'a passed defense in Done',
      input: async () => ({ cardId: (await defense('done', { evaluatorId: s.evaluator.id, outcome: 'passed' })).id, reason: 'Promotion close' }),
      expect: MANAGERS,
      check: (card) => expect(card).toMatchObject({ archived: true, archive: { kind: 'archived', byId: s.manager.id } }),
    },
  ],
  'card.restore': [
    {
      on: "the mentor's withdrawn draft",
      input: async () => ({ cardId: (await offBoard(await defense('drafts'), 'withdrawn')).id }),
      expect: row('UNAUTHORIZED', 'ok', 'NOT_FOUND', 'NOT_FOUND', 'ok'),
      check: (card) => expect(card).toMatchObject({ archived: false, columnKey: 'drafts' }),
    },
    {
      on: "the mentor's withdrawn proposal",
      input: async () => ({ cardId: (await offBoard(await defense('proposals'), 'withdrawn')).id }),
      expect: row('UNAUTHORIZED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card).toMatchObject({ archived: false, columnKey: 'proposals' }),
    },
    {
      on: 'an archived defense in Done',
      input: async () => ({ cardId: (await offBoard(await defense('done', { evaluatorId: s.evaluator.id, outcome: 'passed' }), 'archived')).id }),
      expect: row('UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok'),
      check: (card) => expect(card).toMatchObject({ archived: false, columnKey: 'done' }),
    },
  ],
  'catalog.createPath': [
    {
      input: () => ({ code: `MX${++fresh}`, name: 'Parcours de la matrice' }),
      expect: MANAGERS,
      check: (path, _caller, input) => expect(path).toMatchObject({ id: expect.any(Number), code: input.code }),
    },
  ],
  'catalog.updatePath': [
    {
      input: async () => ({ pathId: (await makeProject(db)).pathId, name: 'Parcours renommé' }),
      expect: MANAGERS,
      check: (path, _caller, input) => expect(path).toMatchObject({ id: input.pathId, name: 'Parcours renommé' }),
    },
  ],
  'catalog.createProject': [
    {
      input: async () => ({ pathId: (await makeProject(db)).pathId, code: `MX-P${++fresh}`, title: 'Projet de la matrice', color: '#2563eb' }),
      expect: MANAGERS,
      check: (project, _caller, input) => expect(project).toMatchObject({ pathId: input.pathId, code: input.code, position: 2, retired: false }),
    },
  ],
  'catalog.updateProject': [
    {
      input: async () => ({ projectId: (await makeProject(db)).id, title: 'Projet retiré', retired: true }),
      expect: MANAGERS,
      check: (project) => expect(project).toMatchObject({ title: 'Projet retiré', retired: true }),
    },
  ],
  'learner.create': [
    {
      input: () => ({ firstName: 'Inès', lastName: `Matrice${++fresh}`, pathId: s.project.pathId, currentProjectId: s.project.id, mentorId: s.mentor.id, rqth: false }),
      expect: MANAGERS,
      check: (learner, _caller, input) => expect(learner).toMatchObject({ lastName: input.lastName, mentorId: s.mentor.id, active: true }),
    },
  ],
  'learner.deactivate': [
    {
      input: async () => ({ learnerId: (await freshLearner()).id, reason: 'abandonment', date: dayIn(0) }),
      expect: MANAGERS,
      check: (learner) => expect(learner).toMatchObject({ active: false, deactivationReason: 'abandonment', deactivatedAt: dayIn(0) }),
    },
  ],
  'learner.reactivate': [
    {
      input: async () => {
        const learner = await freshLearner();
        await learner.update({ active: false, deactivatedAt: dayIn(-1), deactivationReason: 'abandonment' });
        return { learnerId: learner.id };
      },
      expect: MANAGERS,
      check: (learner) => expect(learner).toMatchObject({ active: true, deactivatedAt: null }),
    },
  ],
};

// At run time the router keeps its procedures flat, by dotted path ("card.move").
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;

describe('the authorisation matrix', () => {
  it('has a row for every procedure of the router', () => {
    const missing = Object.keys(procedures).filter((p) => !(p in MATRIX));
    expect(missing, 'procedures without a row in MATRIX: add one').toEqual([]);
  });

  it('names no procedure the router lacks', () => {
    const unknown = Object.keys(MATRIX).filter((p) => !(p in procedures));
    expect(unknown, 'rows for procedures the router does not have').toEqual([]);
  });
});

/** What a refused call must not have changed on a card. */
async function stored(cardId: number) {
  const card = await db.models.Card.findByPk(cardId);
  const volunteers = await db.models.Volunteer.count({ where: { cardId } });
  const comments = await db.models.Comment.count({ where: { cardId } });
  return { columnKey: card?.columnKey, version: card?.version, evaluatorId: card?.evaluatorId, newMentorId: card?.newMentorId, description: card?.description, volunteers, comments };
}

/** Calls `path` as `user` through the in-process caller, as the HTTP adapter would. */
async function callAs(path: string, user: User | null, input: unknown) {
  let target: any = await callerFor(db, user);
  for (const part of path.split('.')) target = target[part];
  return target(input);
}

for (const [path, cases] of Object.entries(MATRIX)) {
  describe(path, () => {
    for (const c of cases) {
      for (const caller of CALLERS) {
        const outcome = c.expect[caller];
        const about = c.on ? ` (${c.on})` : '';
        const name = outcome === 'ok' ? `lets ${caller} call it${about}` : `refuses ${caller} with ${outcome}${about}`;
        it(name, async () => {
          // A row written ahead of its procedure fails here, as in the check above, until it lands.
          expect(procedures[path], `the router has no procedure ${path}`).toBeDefined();
          const user = s.users[caller];
          const input = await c.input(caller);
          const cardId = (input as { cardId?: number } | undefined)?.cardId;
          const before = cardId ? await stored(cardId) : null;
          const result = await (c.call ? c.call(user, input) : callAs(path, user, input)).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          if (outcome === 'ok') {
            if (!result.ok) throw result.error;
            await c.check?.(result.value, caller, input);
          } else {
            expect(result.ok, `expected ${outcome}, but ${caller}'s call succeeded`).toBe(false);
            const error = (result as { error: unknown }).error;
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, (error as TRPCError).message).toBe(outcome);
            // A refused call leaves the card as it was.
            if (cardId) expect(await stored(cardId)).toEqual(before);
          }
        });
      }
    }
  });
}
