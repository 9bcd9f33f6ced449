/**
 * Property-based fuzzing of SEQUENCES of card actions (fast-check), where fuzz.test.ts
 * fuzzes one call at a time. Each run seeds a small school of its own (fresh users,
 * projects, learners and cards in the one database of this file, so nothing leaks from
 * one sequence to the next; positions are per column, so other sequences' cards only
 * share the columns): a manager, 3–4 mentors and 2 evaluators with small capacities
 * (1–3) and differing project qualifications, ~8 learners (one with RQTH, one whose
 * profile lacks a mandatory field), ~12 cards over the columns of both boards, defense
 * dates sharing a few hours. Then a random sequence of actions by random users (the
 * manager, the card's mentor, its evaluator, any other mentor): card.move (any column,
 * any index, now and then a stale version), card.assignEvaluator, transfer.assignMentor,
 * transfer.volunteer / withdraw, card.recordOutcome (passed, or failed with a retake
 * date), card.update (description) and card.create (a defense or a transfer).
 *
 * Every call goes through callerFor(db, user). A refusal is fine (a known code, with a
 * message, never INTERNAL_SERVER_ERROR) and writes nothing (but an assignment refused for
 * an incomplete profile, which sends the card to Profile to update on purpose); a stale
 * version is never applied; a mentor never assigns; a move that succeeds puts the card in
 * the column and at the index asked. After each action the stored state must keep the
 * school's rules (storedRules, visibility):
 * - a card in Assigned has its assignee, and its learner's profile is complete (learner
 *   profiles stay fixed during a sequence, so "complete now" is "complete at assignment";
 *   only the current project moves on, filled, when a defense is passed);
 * - no evaluator holds two open defenses (no outcome, not archived) in the same hour;
 * - no mentor is over capacity: active learners + learners an Assigned transfer promises;
 * - live cards have distinct positions per column, and every card's column exists;
 * - a learner has at most one open transfer request;
 * - a mentor's board.get never shows another mentor's draft, whose card.get is NOT_FOUND,
 *   and shows `rqth: null` for a learner neither theirs nor of a card they evaluate or
 *   take over (and their own learners' RQTH as stored); everyone's board.get shows every
 *   live card of the school they may see, as stored (no stale board cache). These reads,
 *   for the manager and each mentor, are skipped after a refusal that wrote nothing.
 * Once played, the school's rows are deleted, so each sequence meets a database the size
 * of one school and a long run takes the same time per sequence from first to last.
 *
 * RELAIS_FUZZ_SEQUENCES sets the number of sequences (default 20: 4–9 s on SQLite, 5–10 s
 * on PostgreSQL; 1,000 take about 3.8 min on SQLite, 500 about 3.2 min on PostgreSQL),
 * RELAIS_FUZZ_SEQUENCE_LENGTH the most actions in one (default 15);
 * RELAIS_FUZZ_SEED replays a failure fast-check reported; RELAIS_FUZZ_STATS=1 prints how
 * each action was answered and the time per action. A failure names its sequence's steps
 * as they were played (the school, then who did what, and the answer).
 */
import { TRPCError } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import fc from 'fast-check';
import { Op, QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, Learner, User } from '../../server/db/models';
import type { Database } from '../../server/db/sequelize';
import { mandatoryFields } from '../../server/services/settings';
import { callerFor } from '../helpers/caller';
import { dayIn, inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import { hourSlot } from '../../shared/dates';
import { missingFields } from '../../shared/learnerFields';
import { COLUMN_KEYS, type ColumnKey } from '../../shared/workflow/boards';

const SEQUENCES = Math.max(1, Number(process.env.RELAIS_FUZZ_SEQUENCES ?? 20));
const LENGTH = Math.max(1, Number(process.env.RELAIS_FUZZ_SEQUENCE_LENGTH ?? 15));
const SEED = process.env.RELAIS_FUZZ_SEED ? Number(process.env.RELAIS_FUZZ_SEED) : undefined;
/** Generous: a long run plays thousands of actions, and a failure's shrinking replays many sequences. */
const TIMEOUT = 60_000 + SEQUENCES * LENGTH * 400;

const KNOWN_CODES = new Set(Object.keys(TRPC_ERROR_CODES_BY_KEY));
/** What a signed-in user's well-typed call on an existing school may be answered with, short of success. */
const REFUSALS = new Set(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']);

let t: TestDatabase;
let db: Database;
let boards: { defense: number; transfer: number };
let mandatory: string[];

beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
  boards = { defense: await boardId(db, 'defense'), transfer: await boardId(db, 'transfer') };
  mandatory = await mandatoryFields(db);
});
afterAll(() => t?.drop());

// ---------------------------------------------------------------------------------------
// The school of one sequence.

/** Defense hours the school's cards share (all at least 14 days ahead, so mentors may file them too). */
const SLOTS = () => [inDays(20, 9), inDays(20, 10), inDays(21, 9), inDays(21, 10)];
/** A date a mentor may not file (lead time) and a retake may not take (7 days). */
const SOON = () => inDays(3, 9);

interface MentorShape {
  capacity: number;
  /** Indexes into the school's two qualifying projects. */
  projects: number[];
  acceptsRqth: boolean;
}
interface Shape {
  mentors: MentorShape[];
  evaluators: MentorShape[];
}

const mentorShape = (minCapacity: number) =>
  fc.record({
    capacity: fc.integer({ min: minCapacity, max: 3 }),
    projects: fc.constantFrom<number[]>([0], [1], [0, 1]),
    acceptsRqth: fc.boolean(),
  });
const shapeArb: fc.Arbitrary<Shape> = fc.record({
  mentors: fc.array(mentorShape(1), { minLength: 3, maxLength: 4 }),
  evaluators: fc.array(mentorShape(2), { minLength: 2, maxLength: 2 }),
});

interface School {
  manager: User;
  /** Every mentor-role user: the mentors, then the evaluators. */
  staff: User[];
  evaluators: User[];
  /** The manager, then the staff: who an action may be played by. */
  users: User[];
  byId: Map<number, User>;
  /** Two projects mentors qualify for, and a third nobody does, on one path. */
  projects: number[];
  path: number;
  learnerIds: number[];
  qualified: Map<number, number[]>;
}

async function seedSchool(shape: Shape): Promise<School> {
  const first = await makeProject(db);
  const path = first.pathId;
  const projects = [first.id, (await makeProject(db, { pathId: path })).id, (await makeProject(db, { pathId: path })).id];
  // In this order on the path: a pass moves a learner on to the next one.
  for (const [i, id] of projects.entries()) await db.models.Project.update({ position: i + 1 }, { where: { id } });
  const manager = await makeManager(db);
  const qualified = new Map<number, number[]>();
  const staff: User[] = [];
  for (const [i, m] of [...shape.mentors, ...shape.evaluators].entries()) {
    const isEvaluator = i >= shape.mentors.length;
    const projectIds = m.projects.map((p) => projects[p]!);
    const user = await makeUser(db, { name: `${isEvaluator ? 'Evaluator' : 'Mentor'} ${i}`, capacity: m.capacity, acceptsRqth: m.acceptsRqth, isEvaluator, projectIds });
    qualified.set(user.id, projectIds);
    staff.push(user);
  }
  const evaluators = staff.filter((u) => u.isEvaluator);
  const load = new Map(staff.map((u) => [u.id, 0]));
  const room = (u: User) => u.capacity - load.get(u.id)!;

  // Up to 8 learners, round the staff while four places stay free (so transfers have
  // somewhere to go): the first with RQTH, the second without an availability (a
  // mandatory field).
  const learners: Learner[] = [];
  let turn = 0;
  for (let i = 0; i < 8; i++) {
    const spare = staff.reduce((n, u) => n + room(u), 0);
    if (i >= 2 && spare <= 4) break;
    let mentor: User | undefined;
    for (let k = 0; k < staff.length && !mentor; k++) {
      const candidate = staff[(turn + k) % staff.length]!;
      if (room(candidate) > 0) mentor = candidate;
    }
    turn++;
    if (!mentor) break;
    load.set(mentor.id, load.get(mentor.id)! + 1);
    const project = projects[i % 2]!;
    learners.push(
      await makeLearner(db, {
        mentorId: mentor.id,
        currentProjectId: project,
        pathId: path,
        ...(i === 0 ? { rqth: true } : {}),
        ...(i === 1 ? { availability: null } : {}),
      }),
    );
  }
  const complete = learners.filter((l) => missingFields(l.get(), mandatory).length === 0);
  const learner = (i: number) => learners[i % learners.length]!;

  // Defenses: 2 drafts, 2 proposals, 1 profile to update (the incomplete learner), 2
  // assigned (an eligible evaluator free at that hour, else left in Proposals), 1 done.
  const slots = SLOTS();
  let slot = 0;
  const nextSlot = () => new Date(slots[slot++ % slots.length]!);
  const busy = new Set<string>();
  const defense = async (l: Learner, columnKey: ColumnKey, extra: Partial<Card['_creationAttributes']> = {}) =>
    makeCard(db, { boardId: boards.defense, learnerId: l.id, columnKey, defenseDate: nextSlot(), ...extra });
  await defense(learner(0), 'drafts');
  await defense(learner(1), 'drafts');
  await defense(learner(2), 'proposals');
  await defense(learner(3), 'proposals');
  await defense(learner(1), 'profile_to_update', { missingFields: missingFields(learner(1).get(), mandatory) });
  for (const l of [complete[0], complete[2] ?? complete[1]]) {
    if (!l) continue;
    const date = nextSlot();
    const evaluator = evaluators.find((e) => e.id !== l.mentorId && qualified.get(e.id)!.includes(l.currentProjectId!) && !busy.has(`${e.id}@${hourSlot(date)}`));
    if (evaluator) busy.add(`${evaluator.id}@${hourSlot(date)}`);
    await defense(l, evaluator ? 'assigned' : 'proposals', { defenseDate: date, ...(evaluator ? { evaluatorId: evaluator.id } : {}) });
  }
  await defense(learner(4), 'done', { evaluatorId: evaluators[0]!.id, outcome: 'passed' });

  // Transfers, one per learner: 1 draft, 2 proposals (one for the RQTH learner), 1
  // assigned (to a mentor with room who may take the learner, else left in Proposals).
  const transfer = (l: Learner, columnKey: ColumnKey, extra: Partial<Card['_creationAttributes']> = {}) =>
    makeCard(db, { boardId: boards.transfer, learnerId: l.id, columnKey, handoverDate: dayIn(25), reason: 'Projet suivant hors de ses compétences', ...extra });
  const transferred = new Set<number>();
  for (const [l, columnKey] of [
    [learner(5), 'drafts'],
    [learner(6), 'proposals'],
    [learner(0), 'proposals'],
  ] as const) {
    if (transferred.has(l.id)) continue;
    transferred.add(l.id);
    await transfer(l, columnKey);
  }
  const handed = complete.find((l) => !transferred.has(l.id));
  if (handed) {
    const taker = staff.find((u) => u.id !== handed.mentorId && room(u) > 0 && qualified.get(u.id)!.includes(handed.currentProjectId!) && (!handed.rqth || u.acceptsRqth));
    if (taker) load.set(taker.id, load.get(taker.id)! + 1);
    await transfer(handed, taker ? 'assigned' : 'proposals', taker ? { newMentorId: taker.id } : {});
  }
  const users = [manager, ...staff];
  return { manager, staff, evaluators, users, byId: new Map(users.map((u) => [u.id, u])), projects, path, learnerIds: learners.map((l) => l.id), qualified };
}

// ---------------------------------------------------------------------------------------
// Actions.

/** Who plays an action: the manager, the card's (or learner's) mentor, the card's evaluator, or anyone of the school. */
type Who = { kind: 'manager' } | { kind: 'owner' } | { kind: 'evaluator' } | { kind: 'anyone'; n: number };
type Version = 'fresh' | 'stale' | 'none';
/**
 * A card by its rank among the school's live cards of the action's board (or of both
 * boards, `anyBoard`), among those where the action may succeed when `focus` (a defense in
 * Assigned for an outcome…) and there are some: most actions then get past the rules.
 */
interface CardRef {
  n: number;
  anyBoard: boolean;
  focus: boolean;
}

type Action =
  | { type: 'move'; who: Who; card: CardRef; to: ColumnKey; index: number | null; version: Version }
  | { type: 'assignEvaluator'; who: Who; card: CardRef; evaluator: number }
  | { type: 'assignMentor'; who: Who; card: CardRef; mentor: number }
  | { type: 'volunteer' | 'withdraw'; who: Who; card: CardRef }
  | { type: 'recordOutcome'; who: Who; card: CardRef; outcome: 'passed' | 'failed'; retake: 'slot' | 'soon' | 'none'; slot: number }
  | { type: 'update'; who: Who; card: CardRef; description: string; version: Version }
  | { type: 'create'; who: Who; learner: number; board: 'defense' | 'transfer'; slot: number; soon: boolean; columnKey: ColumnKey | null; project: number | null; override: boolean };

const who = (weights: { manager: number; owner: number; evaluator: number; anyone: number }): fc.Arbitrary<Who> =>
  fc.oneof(
    { arbitrary: fc.constant<Who>({ kind: 'manager' }), weight: weights.manager },
    { arbitrary: fc.constant<Who>({ kind: 'owner' }), weight: weights.owner },
    { arbitrary: fc.constant<Who>({ kind: 'evaluator' }), weight: weights.evaluator },
    { arbitrary: fc.nat(30).map<Who>((n) => ({ kind: 'anyone', n })), weight: weights.anyone },
  );
const cardRef: fc.Arbitrary<CardRef> = fc.record({
  n: fc.nat(40),
  anyBoard: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  focus: fc.oneof({ arbitrary: fc.constant(true), weight: 2 }, { arbitrary: fc.constant(false), weight: 1 }),
});
const version = fc.constantFrom<Version>('fresh', 'fresh', 'fresh', 'fresh', 'stale', 'none');
const DESCRIPTIONS = ['Livrables : https://github.com/exemple/p3', 'Soutenance du projet 4, dépôt à jour', '', '   ', '<b>Notes</b> ⚠️ مرحبا'];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('move' as const),
      who: who({ manager: 4, owner: 4, evaluator: 1, anyone: 2 }),
      card: cardRef,
      to: fc.constantFrom(...COLUMN_KEYS),
      index: fc.option(fc.nat(6), { nil: null }),
      version,
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('assignEvaluator' as const), who: who({ manager: 6, owner: 1, evaluator: 0, anyone: 1 }), card: cardRef, evaluator: fc.nat(10) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('assignMentor' as const), who: who({ manager: 6, owner: 1, evaluator: 0, anyone: 1 }), card: cardRef, mentor: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('volunteer' as const, 'withdraw' as const), who: who({ manager: 1, owner: 1, evaluator: 0, anyone: 6 }), card: cardRef }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('recordOutcome' as const),
      who: who({ manager: 3, owner: 1, evaluator: 4, anyone: 1 }),
      card: cardRef,
      outcome: fc.constantFrom('passed' as const, 'failed' as const),
      retake: fc.constantFrom('slot' as const, 'slot' as const, 'soon' as const, 'none' as const),
      slot: fc.nat(7),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('update' as const), who: who({ manager: 2, owner: 4, evaluator: 1, anyone: 1 }), card: cardRef, description: fc.constantFrom(...DESCRIPTIONS), version }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('create' as const),
      who: who({ manager: 3, owner: 4, evaluator: 0, anyone: 1 }),
      learner: fc.nat(20),
      board: fc.constantFrom('defense' as const, 'transfer' as const),
      slot: fc.nat(7),
      soon: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
      columnKey: fc.option(fc.constantFrom<ColumnKey>('drafts', 'proposals', 'proposals', 'profile_to_update', 'assigned'), { nil: null, freq: 2 }),
      project: fc.option(fc.nat(2), { nil: null, freq: 3 }),
      override: fc.boolean(),
    }),
  },
);

// ---------------------------------------------------------------------------------------
// The stored state of a school, and its rules.

interface State {
  cards: Card[];
  learners: Learner[];
  /** Live (not archived) cards of the school, by id order. */
  live: Card[];
}

async function readState(s: School): Promise<State> {
  const [cards, learners] = await Promise.all([
    db.models.Card.findAll({ where: { learnerId: s.learnerIds }, order: [['id', 'ASC']] }),
    db.models.Learner.findAll({ where: { id: s.learnerIds }, order: [['id', 'ASC']] }),
  ]);
  return { cards, learners, live: cards.filter((c) => !c.archived) };
}

const kindOf = (card: Pick<Card, 'boardId'>) => (card.boardId === boards.defense ? 'defense' : 'transfer');

async function rows<T extends object = Record<string, unknown>>(sql: string, replacements: unknown[] = []): Promise<T[]> {
  return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
}

/**
 * What a sequence must leave as it was of a learner's profile: which mandatory fields it
 * lacks, and every field but the current project (a passed defense moves the learner on
 * to the next project of the path; the field stays filled).
 */
const profile = (l: Learner) =>
  JSON.stringify([missingFields(l.get(), mandatory), l.firstName, l.lastName, l.email, l.pathId, l.funding, l.professionalGoal, l.availability, l.timezone, l.rqth, l.notes, l.active]);

type Problems = Record<string, unknown[]>;
const add = (problems: Problems, name: string, what: unknown) => void (problems[name] ??= []).push(what);

/** The rules on the stored state of the school (and, for positions, of the whole database). */
async function storedRules(s: School, state: State, profiles: Map<number, string>): Promise<Problems> {
  const problems: Problems = {};
  const learners = new Map(state.learners.map((l) => [l.id, l]));
  for (const l of state.learners) if (profiles.get(l.id) !== profile(l)) add(problems, 'learner profile changed during the sequence', { learnerId: l.id });

  for (const c of state.live) {
    if (c.columnKey !== 'assigned') continue;
    const kind = kindOf(c);
    if (kind === 'defense' && c.evaluatorId === null) add(problems, 'assigned defense without its evaluator', { cardId: c.id });
    if (kind === 'transfer' && c.newMentorId === null) add(problems, 'assigned transfer without its new mentor', { cardId: c.id });
    const missing = missingFields(learners.get(c.learnerId)!.get(), mandatory);
    if (missing.length > 0) add(problems, "assigned card whose learner's profile is incomplete", { cardId: c.id, learnerId: c.learnerId, missing });
  }

  const slots = new Map<string, Card[]>();
  for (const c of state.live) {
    if (kindOf(c) !== 'defense' || c.outcome !== null || c.evaluatorId === null || c.defenseDate === null) continue;
    const key = `evaluator ${c.evaluatorId} at ${hourSlot(c.defenseDate)}`;
    slots.set(key, [...(slots.get(key) ?? []), c]);
  }
  for (const [key, cards] of slots) if (cards.length > 1) add(problems, 'evaluator holding two open defenses in one hour', { key, cards: cards.map((c) => `${c.id} in ${c.columnKey}`) });

  // Capacities are the seeded ones (no action changes them); learners and cards are the school's.
  for (const mentor of s.staff) {
    const active = state.learners.filter((l) => l.active && l.mentorId === mentor.id).length;
    const promised = state.live.filter((c) => kindOf(c) === 'transfer' && c.columnKey === 'assigned' && c.newMentorId === mentor.id).length;
    if (active + promised > mentor.capacity) add(problems, 'mentor over capacity', { mentorId: mentor.id, capacity: mentor.capacity, active, promised });
  }

  const open = new Map<number, number[]>();
  for (const c of state.live) if (kindOf(c) === 'transfer' && c.columnKey !== 'done') open.set(c.learnerId, [...(open.get(c.learnerId) ?? []), c.id]);
  for (const [learnerId, cardIds] of open) if (cardIds.length > 1) add(problems, 'learner with two open transfer requests', { learnerId, cardIds });

  // Positions: over every live card of the database, since the columns are shared.
  const ties = await rows('SELECT "boardId", "columnKey", position, count(*) AS n FROM cards WHERE archived = ? GROUP BY "boardId", "columnKey", position HAVING count(*) > 1', [false]);
  if (ties.length > 0) problems['two live cards at one position of a column'] = ties.slice(0, 5);
  const ids = state.cards.map((c) => c.id);
  const orphans = await rows(`SELECT c.id, c."boardId", c."columnKey" FROM cards c LEFT JOIN columns k ON k."boardId" = c."boardId" AND k.key = c."columnKey" WHERE k.id IS NULL AND c.id IN (${ids.map(() => '?').join(',')})`, ids);
  if (orphans.length > 0) problems['card in a column its board lacks'] = orphans;
  return problems;
}

/**
 * What each user of the school is shown. board.get of both boards: every live card of the
 * school the viewer may see, as stored (column, position, version, people), and no other
 * mentor's draft; RQTH only of learners the viewer may read (and of their own as stored).
 * card.get of every other mentor's draft of the school: NOT_FOUND. The viewers read at
 * once, as a team's browsers would.
 */
async function visibility(s: School, state: State): Promise<Problems> {
  const problems: Problems = {};
  const learners = new Map(state.learners.map((l) => [l.id, l]));
  const schoolCards = new Set(state.cards.map((c) => c.id));
  const face = (c: { columnKey: string; position: string; version: number; mentorId: number; evaluatorId: number | null; newMentorId: number | null }) =>
    JSON.stringify([c.columnKey, c.position, c.version, c.mentorId, c.evaluatorId, c.newMentorId]);
  await Promise.all(
    s.users.map(async (viewer) => {
      const manager = viewer.role === 'manager';
      const api = await callerFor(db, viewer);
      for (const kind of ['defense', 'transfer'] as const) {
        const board = await api.board.get({ boardId: boards[kind] });
        for (const c of board.cards) if (!manager && c.columnKey === 'drafts' && c.mentorId !== viewer.id) add(problems, "board.get shows another mentor's draft", { viewer: viewer.id, cardId: c.id, mentorId: c.mentorId });
        const shown = new Map(board.cards.filter((c) => schoolCards.has(c.id)).map((c) => [c.id, c]));
        const expected = state.live.filter((c) => kindOf(c) === kind && (manager || c.columnKey !== 'drafts' || c.mentorId === viewer.id));
        for (const c of expected) {
          const got = shown.get(c.id);
          if (!got) add(problems, 'board.get leaves out a card the viewer may see', { viewer: viewer.id, cardId: c.id, columnKey: c.columnKey });
          else if (face(got) !== face(c)) add(problems, 'board.get shows a card otherwise than stored', { viewer: viewer.id, cardId: c.id, shown: face(got), stored: face(c) });
          shown.delete(c.id);
        }
        for (const c of shown.values()) if (!(c.columnKey === 'drafts' && !manager)) add(problems, 'board.get shows a card that is not live', { viewer: viewer.id, cardId: c.id });
        for (const learner of board.learners) {
          const l = learners.get(learner.id);
          if (!l) continue;
          const involved = state.live.some((c) => c.learnerId === l.id && (c.evaluatorId === viewer.id || c.newMentorId === viewer.id));
          const mayRead = manager || l.mentorId === viewer.id;
          if (learner.rqth !== null && !mayRead && !involved) add(problems, 'board.get shows the RQTH of a learner the viewer may not read', { viewer: viewer.id, board: kind, learnerId: l.id, rqth: learner.rqth });
          if (mayRead && l.rqth !== null && learner.rqth !== l.rqth) add(problems, 'board.get hides or misstates the RQTH of a learner the viewer may read', { viewer: viewer.id, board: kind, learnerId: l.id, shown: learner.rqth, stored: l.rqth });
          if (learner.mentorId !== l.mentorId) add(problems, "board.get names a learner's former mentor", { viewer: viewer.id, learnerId: l.id, shown: learner.mentorId, stored: l.mentorId });
        }
      }
      if (manager) return;
      for (const c of state.live) {
        if (c.columnKey !== 'drafts' || c.mentorId === viewer.id) continue;
        const got = await api.card.get({ cardId: c.id }).then(
          () => 'found',
          (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
        );
        if (got !== 'NOT_FOUND') add(problems, "card.get of another mentor's draft is not NOT_FOUND", { viewer: viewer.id, cardId: c.id, answer: got });
      }
    }),
  );
  return problems;
}

/**
 * The stored state of the school, as far as the actions change it: a refusal must leave it
 * as it was (but an assignment refused for an incomplete profile, which sends the card to
 * Profile to update on purpose); when it has not changed, what users are shown has not either.
 */
const fingerprint = (state: State) =>
  JSON.stringify([
    state.cards.map((c) => [c.id, c.version, c.columnKey, c.position, c.mentorId, c.evaluatorId, c.newMentorId, c.archived, c.outcome, c.description, c.missingFields, c.retakeCardId]),
    state.learners.map((l) => [l.id, l.mentorId, l.currentProjectId]),
  ]);

// ---------------------------------------------------------------------------------------
// Playing a sequence.

type Outcome = { ok: true; value: any } | { ok: false; error: unknown };

function show(value: unknown): string {
  const s = JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…` : v)) ?? String(value);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.ok) return 'ok';
  const e = outcome.error;
  if (e instanceof TRPCError) {
    const rule = (e.cause as unknown as { rule?: string } | undefined)?.rule;
    return `${e.code}${rule ? ` (${rule})` : ''}: ${e.message}`;
  }
  return `non-tRPC error: ${(e as Error)?.message ?? String(e)}`;
}

/** With RELAIS_FUZZ_STATS=1, how each action was answered (to see sequences get past the rules, not only refused). */
const stats = new Map<string, Map<string, number>>();
function tally(what: string, outcome: Outcome) {
  const cause = !outcome.ok && outcome.error instanceof TRPCError ? (outcome.error.cause as { rule?: string; details?: { reasonCodes?: string[] } } | undefined) : undefined;
  const rule = cause?.rule ? `${cause.rule}${cause.details?.reasonCodes ? `[${cause.details.reasonCodes.join('+')}]` : ''}` : undefined;
  const key = outcome.ok ? 'ok' : outcome.error instanceof TRPCError ? `${outcome.error.code}${rule ? `/${rule}` : ''}` : 'non-tRPC error';
  const byCode = stats.get(what) ?? new Map<string, number>();
  stats.set(what, byCode.set(key, (byCode.get(key) ?? 0) + 1));
}
afterAll(() => {
  if (process.env.RELAIS_FUZZ_STATS !== '1') return;
  for (const [what, byCode] of [...stats].sort()) console.log(`${what.padEnd(28)} ${[...byCode].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
});

/** The verdict on one answer: a success, or a refusal with a known code and a message, never a 500. */
function judge(about: string, outcome: Outcome) {
  if (outcome.ok) {
    expect(() => JSON.stringify(outcome.value), `${about}: the answer does not serialise`).not.toThrow();
    return;
  }
  const error = outcome.error;
  if (!(error instanceof TRPCError)) throw new Error(`${about}: threw a non-tRPC error (the adapter answers 500): ${(error as Error)?.stack ?? String(error)}`);
  const cause = error.cause as Error | undefined;
  expect(error.code, `${about}: INTERNAL_SERVER_ERROR (500): ${error.message}\n${cause?.stack ?? error.stack}`).not.toBe('INTERNAL_SERVER_ERROR');
  expect(KNOWN_CODES.has(error.code), `${about}: unknown code ${error.code}`).toBe(true);
  expect(REFUSALS.has(error.code), `${about}: ${error.code} is no refusal of a signed-in user's well-typed call: ${error.message}`).toBe(true);
  expect(error.message.trim().length, `${about}: ${error.code} without a message`).toBeGreaterThan(0);
}

/** The user an action is played by. */
function resolveWho(s: School, w: Who, card: { mentorId: number; evaluatorId?: number | null } | null): User {
  switch (w.kind) {
    case 'manager':
      return s.manager;
    case 'owner':
      return (card && s.byId.get(card.mentorId)) ?? s.manager;
    case 'evaluator':
      return (card?.evaluatorId && s.byId.get(card.evaluatorId)) || s.evaluators[0]!;
    case 'anyone':
      return s.users[w.n % s.users.length]!;
  }
}

function pickCard(state: State, ref: CardRef, kind: 'defense' | 'transfer' | null, likely: (c: Card) => boolean): Card | null {
  const all = ref.anyBoard || kind === null ? state.live : state.live.filter((c) => kindOf(c) === kind);
  const focused = ref.focus ? all.filter(likely) : [];
  const pool = focused.length > 0 ? focused : all;
  return pool.length === 0 ? null : pool[ref.n % pool.length]!;
}
const inColumn = (...keys: ColumnKey[]) => (c: Card) => keys.includes(c.columnKey);
/** Where a move to `to` may succeed. */
const movable = (to: ColumnKey) => (c: Card) =>
  to === 'done'
    ? c.columnKey === 'assigned' && kindOf(c) === 'transfer' // the handover (a defense gets there by its outcome)
    : to === 'assigned'
      ? c.columnKey !== 'assigned' && c.columnKey !== 'done' && (c.evaluatorId !== null || c.newMentorId !== null)
      : to === 'proposals'
        ? inColumn('drafts', 'profile_to_update', 'assigned')(c)
        : c.columnKey !== 'done' && c.columnKey !== to;

const versionOf = (card: Card, v: Version) => (v === 'fresh' ? card.version : v === 'stale' ? card.version - 1 : undefined);
const roleOf = (s: School, user: User) => (user.id === s.manager.id ? 'manager' : user.isEvaluator ? `evaluator ${user.id}` : `mentor ${user.id}`);

/** Plays one action; returns a line for the sequence's log and the answer (none when the school has no card for it). Throws (an expect failure) on a broken promise of the API. */
async function play(s: School, state: State, action: Action, callers: Map<number, Awaited<ReturnType<typeof callerFor>>>): Promise<{ line: string; outcome: Outcome | null }> {
  let last: Outcome | null = null;
  const line = await act();
  return { line, outcome: last };

  async function act(): Promise<string> {
    const call = async (user: User, path: string, input: Record<string, unknown>, run: (api: Awaited<ReturnType<typeof callerFor>>) => Promise<unknown>) => {
      let api = callers.get(user.id);
      if (!api) callers.set(user.id, (api = await callerFor(db, user)));
      const outcome: Outcome = await run(api).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      const line = `${path} as ${roleOf(s, user)} ${show(input)} → ${describeOutcome(outcome)}`;
      last = outcome;
      tally(path === 'card.move' ? `card.move → ${String(input.toColumnKey)}` : path, outcome);
      judge(line, outcome);
      return { outcome, line };
    };

    switch (action.type) {
      case 'move': {
        const card = pickCard(state, action.card, null, movable(action.to));
        if (!card) return 'move: no card';
        const user = resolveWho(s, action.who, card);
        const input = { cardId: card.id, toColumnKey: action.to, ...(action.index !== null ? { toIndex: action.index } : {}), ...(versionOf(card, action.version) !== undefined ? { version: versionOf(card, action.version) } : {}) };
        const { outcome, line } = await call(user, 'card.move', input, (api) => api.card.move(input as never));
        if (action.version === 'stale') expect(outcome.ok, `${line}: a stale version was applied`).toBe(false);
        if (user.role !== 'manager' && action.to === 'assigned' && card.columnKey !== 'assigned') expect(outcome.ok, `${line}: a mentor assigned a card`).toBe(false);
        if (outcome.ok) {
          const moved = (await db.models.Card.findByPk(card.id))!;
          expect(moved.columnKey, `${line}: the card is not in the column asked`).toBe(action.to);
          if (action.index !== null) {
            const column = (await db.models.Card.findAll({ where: { boardId: moved.boardId, columnKey: action.to, archived: false }, attributes: ['id', 'position'], raw: true })).sort((a, b) =>
              a.position === b.position ? a.id - b.id : a.position < b.position ? -1 : 1,
            );
            expect(column.findIndex((c) => c.id === card.id), `${line}: the card is not at the index asked (or the column's end)`).toBe(Math.min(action.index, column.length - 1));
          }
        }
        return line;
      }
      case 'assignEvaluator': {
        const card = pickCard(state, action.card, 'defense', inColumn('proposals', 'profile_to_update', 'assigned'));
        if (!card) return 'assignEvaluator: no card';
        const user = resolveWho(s, action.who, card);
        // Mostly an evaluator, sometimes any mentor of the school (not an evaluator, the learner's mentor…).
        const evaluator = action.evaluator % 3 === 0 ? s.staff[action.evaluator % s.staff.length]! : s.evaluators[action.evaluator % s.evaluators.length]!;
        const input = { cardId: card.id, evaluatorId: evaluator.id };
        const { outcome, line } = await call(user, 'card.assignEvaluator', input, (api) => api.card.assignEvaluator(input));
        if (user.role !== 'manager') expect(outcome.ok, `${line}: a mentor assigned an evaluator`).toBe(false);
        return line;
      }
      case 'assignMentor': {
        const card = pickCard(state, action.card, 'transfer', inColumn('proposals', 'profile_to_update', 'assigned'));
        if (!card) return 'assignMentor: no card';
        const user = resolveWho(s, action.who, card);
        const mentor = s.staff[action.mentor % s.staff.length]!;
        const input = { cardId: card.id, mentorId: mentor.id };
        const { outcome, line } = await call(user, 'transfer.assignMentor', input, (api) => api.transfer.assignMentor(input));
        if (user.role !== 'manager') expect(outcome.ok, `${line}: a mentor assigned a new mentor`).toBe(false);
        return line;
      }
      case 'volunteer':
      case 'withdraw': {
        const card = pickCard(state, action.card, 'transfer', inColumn('proposals'));
        if (!card) return `${action.type}: no card`;
        const user = resolveWho(s, action.who, card);
        const input = { cardId: card.id };
        const { line } = await call(user, `transfer.${action.type}`, input, (api) => api.transfer[action.type](input));
        return line;
      }
      case 'recordOutcome': {
        const card = pickCard(state, action.card, 'defense', inColumn('assigned'));
        if (!card) return 'recordOutcome: no card';
        const user = resolveWho(s, action.who, card);
        const retakeDate = action.retake === 'slot' ? SLOTS()[action.slot % 4] : action.retake === 'soon' ? SOON() : undefined;
        const input = { cardId: card.id, outcome: action.outcome, ...(retakeDate ? { retakeDate } : {}) };
        const { line } = await call(user, 'card.recordOutcome', input, (api) => api.card.recordOutcome(input));
        return line;
      }
      case 'update': {
        const card = pickCard(state, action.card, null, inColumn('drafts', 'proposals', 'profile_to_update'));
        if (!card) return 'update: no card';
        const user = resolveWho(s, action.who, card);
        const input = { cardId: card.id, version: versionOf(card, action.version) ?? card.version, description: action.description };
        const { outcome, line } = await call(user, 'card.update', input, (api) => api.card.update(input));
        if (action.version === 'stale') expect(outcome.ok, `${line}: a stale version was applied`).toBe(false);
        return line;
      }
      case 'create': {
        const learner = state.learners[action.learner % state.learners.length]!;
        const user = resolveWho(s, action.who, { mentorId: learner.mentorId });
        const defense = action.board === 'defense';
        const date = action.soon ? SOON() : SLOTS()[action.slot % 4]!;
        const input = {
          boardId: boards[action.board],
          learnerId: learner.id,
          description: DESCRIPTIONS[action.slot % DESCRIPTIONS.length]!,
          ...(defense ? { defenseDate: date } : { handoverDate: date.slice(0, 10), reason: 'Projet suivant hors de ses compétences' }),
          ...(action.columnKey ? { columnKey: action.columnKey } : {}),
          ...(action.project !== null ? { projectId: s.projects[action.project]! } : {}),
          ...(action.override && user.role === 'manager' ? { override: true, overrideReason: 'Urgence' } : {}),
        };
        const { line } = await call(user, 'card.create', input, (api) => api.card.create(input));
        return line;
      }
    }
  }
}

/**
 * Deletes every row of the school once its sequence is played, so the database stays the
 * size of one school: the server reads whole boards, every mentor and every open defense
 * on each call, and a long run would otherwise slow down with each sequence.
 */
async function removeSchool(s: School) {
  const cardIds = (await db.models.Card.findAll({ where: { learnerId: s.learnerIds }, attributes: ['id'], raw: true })).map((c) => c.id);
  const userIds = s.users.map((u) => u.id);
  const { models: m } = db;
  await db.write(async (transaction) => {
    await m.Notification.destroy({ where: { [Op.or]: [{ userId: userIds }, { cardId: cardIds }] }, transaction });
    await m.Volunteer.destroy({ where: { [Op.or]: [{ mentorId: userIds }, { cardId: cardIds }] }, transaction });
    await m.Comment.destroy({ where: { cardId: cardIds }, transaction });
    await m.Activity.destroy({ where: { [Op.or]: [{ cardId: cardIds }, { learnerId: s.learnerIds }, { actorId: userIds }] }, transaction });
    await m.Card.destroy({ where: { id: cardIds }, transaction });
    await m.Learner.destroy({ where: { id: s.learnerIds }, transaction });
    await m.MentorProject.destroy({ where: { mentorId: userIds }, transaction });
    await m.Session.destroy({ where: { userId: userIds }, transaction });
    await m.User.destroy({ where: { id: userIds }, transaction });
    await m.Project.destroy({ where: { id: s.projects }, transaction });
    await m.Path.destroy({ where: { id: s.path }, transaction });
  });
}

/**
 * Seeds a school, plays `actions` in order and checks the rules after each: the stored
 * ones always, what mentors are shown whenever the stored state changed. A failure names
 * the steps played.
 */
async function runSequence(shape: Shape, actions: Action[]) {
  const s = await seedSchool(shape);
  try {
    await playSequence(s, actions);
  } finally {
    await removeSchool(s);
  }
}

async function playSequence(s: School, actions: Action[]) {
  const callers = new Map<number, Awaited<ReturnType<typeof callerFor>>>();
  let state = await readState(s);
  const profiles = new Map(state.learners.map((l) => [l.id, profile(l)]));
  const log: string[] = [
    `school: ${show({ staff: s.staff.map((u) => ({ id: u.id, evaluator: u.isEvaluator, capacity: u.capacity, projects: s.qualified.get(u.id), rqth: u.acceptsRqth })), learners: state.learners.map((l) => ({ id: l.id, mentor: l.mentorId, project: l.currentProjectId, rqth: l.rqth, complete: missingFields(l.get(), mandatory).length === 0 })) })}`,
    `cards: ${show(state.cards.map((c) => `${c.id} ${kindOf(c)} ${c.columnKey} learner ${c.learnerId}${c.evaluatorId ? ` evaluator ${c.evaluatorId}` : ''}${c.newMentorId ? ` to ${c.newMentorId}` : ''}`))}`,
  ];
  const fail = (e: unknown): never => {
    const error = e instanceof Error ? e : new Error(String(e));
    error.message += `\n\nsteps played (projects ${s.projects.join(', ')}):\n  ${log.join('\n  ')}`;
    throw error;
  };
  const seeded = { ...(await storedRules(s, state, profiles)), ...(await visibility(s, state)) };
  if (Object.keys(seeded).length > 0) fail(new Error(`the seeded school already breaks a rule (a bug of this test): ${show(seeded)}`));
  let shown = fingerprint(state);
  for (const [i, action] of actions.entries()) {
    try {
      const { line, outcome } = await play(s, state, action, callers);
      log.push(`${i + 1}. ${line}`);
      state = await readState(s);
      const problems = await storedRules(s, state, profiles);
      const now = fingerprint(state);
      const refusal = outcome && !outcome.ok ? (outcome.error as TRPCError) : null;
      if (refusal && (refusal.cause as unknown as { rule?: string } | undefined)?.rule !== 'profile_incomplete' && now !== shown) {
        add(problems, 'a refusal changed the stored state', { refusal: `${refusal.code}: ${refusal.message}` });
      }
      if (now !== shown) {
        Object.assign(problems, await visibility(s, state));
        shown = now;
      }
      expect(problems, `the school's rules are broken after step ${i + 1}`).toEqual({});
    } catch (e) {
      fail(e);
    }
  }
}

const timings: { actions: number; ms: number }[] = [];
afterAll(() => {
  if (process.env.RELAIS_FUZZ_STATS !== '1' || timings.length === 0) return;
  const tenth = Math.max(1, Math.floor(timings.length / 10));
  const perAction = (part: typeof timings) => (part.reduce((n, r) => n + r.ms, 0) / Math.max(1, part.reduce((n, r) => n + r.actions + 1, 0))).toFixed(1);
  console.log(`${timings.length} sequences, ${timings.reduce((n, r) => n + r.actions, 0)} actions; ms per action (and seeding): first tenth ${perAction(timings.slice(0, tenth))}, last tenth ${perAction(timings.slice(-tenth))}`);
});

describe('random sequences of card actions by random roles', () => {
  it(`keep the school's rules (${SEQUENCES} sequences of up to ${LENGTH} actions)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(shapeArb, fc.array(actionArb, { minLength: 1, maxLength: LENGTH, size: 'max' }), async (shape, actions) => {
        const started = performance.now();
        await runSequence(shape, actions);
        timings.push({ actions: actions.length, ms: performance.now() - started });
      }),
      // Shrinking replays whole sequences: it stops before the test's timeout, with the smallest failure found so far.
      { numRuns: SEQUENCES, seed: SEED, interruptAfterTimeLimit: TIMEOUT - 20_000 },
    );
  });
});
