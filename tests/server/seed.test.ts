import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../server/db/seed';
import { login } from '../../server/services/auth';
import { UNKNOWN_CLIENT } from '../../server/services/context';
import { COLUMN_KEYS } from '../../shared/workflow/boards';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe('the demo seed', () => {
  it('fills an empty database once: the four demo accounts, 30 learners (some incomplete), cards in every column of both boards', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(true);
    expect(await seedDemoIfEmpty(t.db)).toBe(false);

    const roles = new Map<string, { role: string; isEvaluator: boolean }>();
    for (const email of ['manager@relais.test', 'mentor@relais.test', 'mentor2@relais.test', 'evaluator@relais.test']) {
      const user = await t.db.models.User.findOne({ where: { email } });
      expect(user, email).not.toBeNull();
      roles.set(email, { role: user!.role, isEvaluator: user!.isEvaluator });
    }
    expect(roles.get('manager@relais.test')!.role).toBe('manager');
    expect(roles.get('mentor@relais.test')).toEqual({ role: 'mentor', isEvaluator: false });
    expect(roles.get('evaluator@relais.test')).toEqual({ role: 'mentor', isEvaluator: true });

    const manager = (await t.db.models.User.findOne({ where: { email: 'manager@relais.test' } }))!;
    const api = await callerFor(t.db, manager);
    const learners = await api.learner.list();
    expect(learners).toHaveLength(30);
    expect(learners.filter((l) => l.missingFields.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(learners.filter((l) => l.missingFields.length === 0).length).toBeGreaterThanOrEqual(20);

    for (const board of await api.board.list()) {
      const { cards } = await api.board.get({ boardId: board.id });
      for (const key of COLUMN_KEYS) expect(cards.filter((c) => c.columnKey === key).length, `${board.kind} ${key}`).toBeGreaterThan(0);
    }
  });

  it('signs the demo accounts in with the demo password', async () => {
    for (const email of ['manager@relais.test', 'mentor@relais.test', 'mentor2@relais.test', 'evaluator@relais.test']) {
      const session = await login(t.db, { email, password: DEMO_PASSWORD, now: new Date(), days: 1, client: UNKNOWN_CLIENT, previousToken: null });
      expect(session.user.email).toBe(email);
    }
  });
});
