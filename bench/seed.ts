/**
 * A school at scale for the benchmarks: mentors, learners with full profiles, and `cards`
 * cards on the defense board spread over its columns (the busiest, `drafts`, holding
 * `bigColumn` of them), each with a short history. Written with bulk inserts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../server/db/sequelize';
import { hashPassword, SESSION_COOKIE } from '../server/services/auth';
import { addDays, toDay } from '../shared/dates';
import { initialPositions } from '../shared/ordering';
import type { ColumnKey } from '../shared/workflow/boards';

export const BENCH_PASSWORD = 'relais-bench';

export async function seedBench(db: Database, opts: { cards: number; bigColumn?: number }) {
  const m = db.models;
  const hash = await hashPassword(BENCH_PASSWORD);
  const now = new Date();
  const today = toDay(now);
  const path = await m.Path.create({ code: 'DW', name: 'Développeur web' });
  const projects = await m.Project.bulkCreate(
    Array.from({ length: 8 }, (_, i) => ({ pathId: path.id, position: i + 1, code: `DW-P${i + 1}`, title: `Projet ${i + 1}`, color: ['#2563eb', '#7c3aed', '#0891b2', '#059669', '#d97706', '#dc2626', '#db2777', '#4f46e5'][i]! })),
  );
  const manager = await m.User.create({ email: 'manager@bench.test', name: 'Bench Manager', role: 'manager', passwordHash: hash });
  const mentors = await m.User.bulkCreate(
    Array.from({ length: 60 }, (_, i) => ({ email: `mentor${i}@bench.test`, name: `Mentor ${i}`, role: 'mentor' as const, isEvaluator: i % 3 === 0, capacity: 200, acceptsRqth: i % 2 === 0, passwordHash: hash })),
  );
  await m.MentorProject.bulkCreate(mentors.flatMap((mentor, i) => projects.filter((_, j) => (i + j) % 2 === 0).map((p) => ({ mentorId: mentor.id, projectId: p.id }))));
  const learners = await m.Learner.bulkCreate(
    Array.from({ length: opts.cards }, (_, i) => ({
      firstName: `Prénom${i}`,
      lastName: `Nom${i}`,
      email: `learner${i}@bench.test`,
      pathId: path.id,
      currentProjectId: projects[i % projects.length]!.id,
      mentorId: mentors[i % mentors.length]!.id,
      funding: 'self' as const,
      professionalGoal: 'Développeur web',
      availability: 'Soirs',
      timezone: 'Europe/Paris',
      rqth: i % 17 === 0,
      notes: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const board = (await m.Board.findOne({ where: { kind: 'defense' } }))!;
  const big = Math.min(opts.bigColumn ?? Math.round(opts.cards * 0.4), opts.cards);
  const rest: ColumnKey[] = ['proposals', 'profile_to_update', 'assigned', 'done'];
  const columnOf = (i: number): ColumnKey => (i < big ? 'drafts' : rest[i % rest.length]!);
  const counts = new Map<ColumnKey, number>();
  for (let i = 0; i < opts.cards; i++) counts.set(columnOf(i), (counts.get(columnOf(i)) ?? 0) + 1);
  const keys = new Map([...counts].map(([k, n]) => [k, initialPositions(n)]));
  const used = new Map<ColumnKey, number>();
  const rows = learners.map((learner, i) => {
    const columnKey = columnOf(i);
    const n = used.get(columnKey) ?? 0;
    used.set(columnKey, n + 1);
    const evaluated = columnKey === 'assigned' || columnKey === 'done';
    return {
      boardId: board.id,
      columnKey,
      position: keys.get(columnKey)![n]!,
      learnerId: learner.id,
      projectId: learner.currentProjectId,
      mentorId: learner.mentorId,
      description: `- Livrables : https://github.com/exemple/p${i}\n- Disponibilités : soirs`,
      defenseDate: new Date(`${addDays(today, 15 + (i % 30))}T${String(8 + (i % 10)).padStart(2, '0')}:00:00.000Z`),
      evaluatorId: evaluated ? mentors[(i + 1) % mentors.length]!.id : null,
      outcome: columnKey === 'done' ? ('passed' as const) : null,
      missingFields: [],
      createdAt: now,
      updatedAt: now,
    };
  });
  const cards: { id: number; mentorId: number; learnerId: number }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    cards.push(...(await m.Card.bulkCreate(rows.slice(i, i + 1000))).map((c) => ({ id: c.id, mentorId: c.mentorId, learnerId: c.learnerId })));
  }
  const history = cards.flatMap((c) => [
    { boardId: board.id, cardId: c.id, learnerId: c.learnerId, actorId: c.mentorId, type: 'created', data: { to: 'drafts' }, createdAt: now },
    { boardId: board.id, cardId: c.id, learnerId: c.learnerId, actorId: manager.id, type: 'commented', data: {}, createdAt: now },
  ]);
  for (let i = 0; i < history.length; i += 2000) await m.Activity.bulkCreate(history.slice(i, i + 2000));
  return { boardId: board.id, managerEmail: manager.email, cardIds: cards.map((c) => c.id), bigColumn: big };
}

export interface BenchSession {
  /** The `cookie` header value that signs its holder in. */
  cookie: string;
  role: 'mentor' | 'manager';
  email: string;
}

/**
 * Sessions for the live-feed crowd, written straight into the sessions table as
 * auth.login stores them (the row's id is the sha256 of the cookie's token): hundreds of
 * sign-ins would cost an argon2 check each and meet the login rate limits, which are not
 * what is measured. `viewers` distinct users, one session each — one in ten a manager (the
 * first of them at index 0), the others mentors, the 60 bench mentors (who file cards)
 * first — and `movers` sessions of the bench manager.
 */
export async function seedSessions(db: Database, opts: { viewers: number; movers: number }): Promise<{ viewers: BenchSession[]; movers: BenchSession[] }> {
  const m = db.models;
  const hash = await hashPassword(BENCH_PASSWORD);
  const wanted = Array.from({ length: opts.viewers }, (_, i) => {
    if (i % 10 === 0) return { email: `crowd-manager${i / 10}@bench.test`, role: 'manager' as const };
    const k = i - Math.ceil(i / 10);
    return { email: k < 60 ? `mentor${k}@bench.test` : `crowd-mentor${k}@bench.test`, role: 'mentor' as const };
  });
  const existing = new Map((await m.User.findAll({ attributes: ['id', 'email'], raw: true })).map((u) => [u.email, u.id]));
  const missing = wanted.filter((w) => !existing.has(w.email));
  if (missing.length > 0) {
    const created = await m.User.bulkCreate(missing.map((w) => ({ email: w.email, name: w.email.split('@')[0]!, role: w.role, capacity: 200, passwordHash: hash })));
    for (const u of created) existing.set(u.email, u.id);
  }
  const manager = { email: 'manager@bench.test', role: 'manager' as const };
  const holders = [...wanted, ...Array.from({ length: opts.movers }, () => manager)];
  // Far enough ahead that no request renews the session (a write) during the run.
  const expiresAt = new Date(Date.now() + 60 * 86_400_000);
  const sessions = holders.map((h) => {
    const userId = existing.get(h.email);
    if (userId === undefined) throw new Error(`seedSessions: no user ${h.email}`);
    const token = randomBytes(32).toString('base64url');
    return { row: { id: createHash('sha256').update(token).digest('hex'), userId, expiresAt }, session: { cookie: `${SESSION_COOKIE}=${token}`, role: h.role, email: h.email } };
  });
  await m.Session.bulkCreate(sessions.map((s) => s.row));
  const all = sessions.map((s) => s.session);
  return { viewers: all.slice(0, opts.viewers), movers: all.slice(opts.viewers) };
}
