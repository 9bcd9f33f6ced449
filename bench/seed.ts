/**
 * A school at scale for the benchmarks: mentors, learners with full profiles, and `cards`
 * cards on the defense board spread over its columns (the busiest, `drafts`, holding
 * `bigColumn` of them), each with a short history. Written with bulk inserts.
 */
import type { Database } from '../server/db/sequelize';
import { hashPassword } from '../server/services/auth';
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
