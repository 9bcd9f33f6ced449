import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { onPostgres, testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeUser, PASSWORD } from '../helpers/factories';
import { call, startServer } from '../helpers/http';
import { QueryTypes } from 'sequelize';
import { committed } from '../../server/db/sequelize';
import { findRow, saveRow } from '../../server/db/rows';
import { COLUMN_KEYS } from '../../shared/workflow/boards';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe('the database', () => {
  it('is made from empty by the migrations, with both boards and their five columns in order', async () => {
    const tables = (await t.db.sequelize.getQueryInterface().showAllTables()).map(String);
    for (const table of ['users', 'learners', 'paths', 'projects', 'boards', 'columns', 'cards', 'card_volunteers', 'comments', 'activities', 'notifications', 'settings', 'sessions', 'migrations']) {
      expect(tables).toContain(table);
    }
    const manager = await makeManager(t.db);
    const api = await callerFor(t.db, manager);
    const boards = await api.board.list();
    expect(boards.map((b) => b.kind)).toEqual(['defense', 'transfer']);
    for (const board of boards) {
      const { columns } = await api.board.get({ boardId: board.id });
      expect(columns.map((c) => c.key)).toEqual([...COLUMN_KEYS]);
    }
  });

  it.skipIf(onPostgres)('sets WAL, foreign keys and a busy timeout on every SQLite connection: reads and the writer alike', async () => {
    const pragmas = async (transaction?: Parameters<Parameters<typeof t.db.write>[0]>[0]) => {
      const read = async (name: string) => Object.values(((await t.db.sequelize.query(`PRAGMA ${name}`, { type: QueryTypes.SELECT, transaction })) as Record<string, unknown>[])[0]!)[0];
      return { journal: await read('journal_mode'), foreignKeys: await read('foreign_keys'), busyTimeout: await read('busy_timeout') };
    };
    const expected = { journal: 'wal', foreignKeys: 1, busyTimeout: 10000 };
    expect(await pragmas()).toEqual(expected);
    expect(await t.db.write((transaction) => pragmas(transaction))).toEqual(expected);
  });

  it.skipIf(onPostgres)('asks SQLite for a table’s column types once, not before every read, and again after a migration changes the table', async () => {
    const statements: string[] = [];
    // SQLite's trace events reach JavaScript asynchronously, after the query's own callback.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
    const connection = (t.db.sequelize.connectionManager as unknown as { connections: Record<string, { on(e: 'trace', f: (sql: string) => void): void; removeAllListeners(e: string): void }> }).connections.default!;
    connection.on('trace', (sql) => statements.push(sql));
    try {
      const mentor = await makeUser(t.db);
      const learner = await makeLearner(t.db, { mentorId: mentor.id });
      await t.db.models.Learner.findByPk(learner.id);
      await settled();
      statements.length = 0;
      const first = await t.db.models.Learner.findByPk(learner.id);
      const second = await t.db.models.Learner.findByPk(learner.id);
      await settled();
      expect(statements.filter((s) => /^SELECT/i.test(s))).toHaveLength(2);
      expect(statements.filter((s) => /PRAGMA table_info/i.test(s))).toEqual([]);
      // Types are still applied from the remembered answer.
      expect(first!.createdAt).toBeInstanceOf(Date);
      expect(typeof second!.active).toBe('boolean');

      const qi = t.db.sequelize.getQueryInterface();
      await qi.addColumn('learners', 'probeAt', { type: (await import('sequelize')).DataTypes.DATE });
      try {
        await t.db.sequelize.query(`UPDATE learners SET "probeAt" = '2026-12-02 10:00:00.000 +00:00' WHERE id = ?`, { replacements: [learner.id] });
        await settled();
        statements.length = 0;
        const [row] = (await t.db.models.Learner.findAll({ attributes: ['id', 'probeAt' as 'id'], where: { id: learner.id }, raw: false })).map((l) => l.get('probeAt' as 'id') as unknown);
        await settled();
        expect(statements.filter((s) => /PRAGMA table_info/i.test(s))).toHaveLength(1);
        expect(row).toBeInstanceOf(Date);
      } finally {
        await qi.removeColumn('learners', 'probeAt');
      }
    } finally {
      connection.removeAllListeners('trace');
    }
  });

  it.skipIf(onPostgres)('finds where a moved card lands from the column index alone', async () => {
    const plan = (await t.db.sequelize.query(
      `EXPLAIN QUERY PLAN SELECT id, position, (SELECT count(*) FROM cards WHERE "boardId" = 1 AND "columnKey" = 'drafts' AND archived = 0 AND id <> 1) AS total FROM cards WHERE "boardId" = 1 AND "columnKey" = 'drafts' AND archived = 0 AND id <> 1 ORDER BY position, id LIMIT 2 OFFSET 3`,
      { type: QueryTypes.SELECT },
    )) as { detail: string }[];
    const searches = plan.map((p) => p.detail).filter((d) => /cards/.test(d));
    expect(searches).toHaveLength(2);
    for (const detail of searches) expect(detail).toMatch(/USING COVERING INDEX cards_live_column_order/);
  });

  it('reads and writes a card by plain SQL exactly as its model does: dates, days, booleans and JSON', async () => {
    const mentor = await makeUser(t.db);
    const learner = await makeLearner(t.db, { mentorId: mentor.id });
    const made = await makeCard(t.db, {
      boardId: await boardId(t.db, 'transfer'),
      learnerId: learner.id,
      handoverDate: '2027-03-15',
      defenseDate: new Date('2027-03-01T09:30:00.000Z'),
      missingFields: ['funding', 'rqth'],
      archived: false,
    });
    const byModel = async () => (await t.db.models.Card.findByPk(made.id))!.get({ plain: true });
    const read = await findRow(t.db, t.db.models.Card, made.id);
    expect(read!.get({ plain: true })).toEqual(await byModel());
    expect(read!.isNewRecord).toBe(false);
    expect(await findRow(t.db, t.db.models.Card, 999_999)).toBeNull();

    await t.db.write(async (tx) => {
      const card = (await findRow(t.db, t.db.models.Card, made.id, tx))!;
      card.set({ missingFields: ['professionalGoal'], defenseDate: new Date('2027-04-02T13:00:00.000Z'), archived: true, columnKey: 'proposals', version: card.version + 1 });
      await saveRow(t.db, card, tx, new Date('2027-01-02T03:04:05.000Z'));
      expect(card.changed()).toBe(false);
    });
    expect(await byModel()).toMatchObject({
      missingFields: ['professionalGoal'],
      defenseDate: new Date('2027-04-02T13:00:00.000Z'),
      archived: true,
      columnKey: 'proposals',
      version: made.version + 1,
      handoverDate: '2027-03-15',
      updatedAt: new Date('2027-01-02T03:04:05.000Z'),
    });
    if (!onPostgres) {
      // Stored as Sequelize stores instants (createdAt was written by the model), so text comparisons in SQL hold.
      const [stored] = (await t.db.sequelize.query(`SELECT "defenseDate", "updatedAt", "createdAt", archived, "missingFields" FROM cards WHERE id = ?`, { replacements: [made.id], type: QueryTypes.SELECT })) as Record<string, unknown>[];
      const shape = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00$/;
      expect(stored).toMatchObject({ defenseDate: '2027-04-02 13:00:00.000 +00:00', updatedAt: '2027-01-02 03:04:05.000 +00:00', archived: 1, missingFields: '["professionalGoal"]' });
      expect(stored!.createdAt).toMatch(shape);
    }
  });

  it('runs the migrations again without effect', async () => {
    await t.db.migrate();
    expect(await t.db.models.Board.count()).toBe(2);
  });
});

describe('accounts', () => {
  it('logs in with the right password and returns the user', async () => {
    const mentor = await makeUser(t.db, { email: 'lea@relais.test' });
    const api = await callerFor(t.db);
    const user = await api.auth.login({ email: 'LEA@relais.test ', password: PASSWORD });
    expect(user).toMatchObject({ id: mentor.id, role: 'mentor', email: 'lea@relais.test' });
  });

  it('refuses a wrong password and an unknown email alike, with UNAUTHORIZED', async () => {
    await makeUser(t.db, { email: 'hugo@relais.test' });
    const api = await callerFor(t.db);
    const wrong = await expectTRPCError(api.auth.login({ email: 'hugo@relais.test', password: 'not it' }), 'UNAUTHORIZED');
    const unknown = await expectTRPCError(api.auth.login({ email: 'nobody@relais.test', password: PASSWORD }), 'UNAUTHORIZED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('refuses a call without a session with UNAUTHORIZED', async () => {
    const api = await callerFor(t.db);
    await expectTRPCError(api.auth.me(), 'UNAUTHORIZED');
    await expectTRPCError(api.board.list(), 'UNAUTHORIZED');
  });

  it('refuses a mentor calling a manager-only procedure with FORBIDDEN', async () => {
    const mentor = await makeUser(t.db);
    const api = await callerFor(t.db, mentor);
    await expectTRPCError(api.mentor.update({ mentorId: mentor.id, capacity: 50 }), 'FORBIDDEN');
    await expectTRPCError(api.settings.setMandatoryFields({ fields: [] }), 'FORBIDDEN');
    expect((await t.db.models.User.findByPk(mentor.id))!.capacity).toBe(5);
  });
});

describe('over HTTP', () => {
  it('sets an httpOnly SameSite=Lax session cookie at login, serves the session, and ends it at logout', async () => {
    await makeUser(t.db, { email: 'chloe@relais.test' });
    const server = await startServer(t.db);
    try {
      const login = await call(server.url, 'auth.login', { email: 'chloe@relais.test', password: PASSWORD });
      expect(login.status).toBe(200);
      const setCookie = login.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/relais_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const cookie = setCookie.split(';')[0]!;
      const me = await call(server.url, 'auth.me', undefined, { cookie, method: 'GET' });
      expect(me.body.result.data.email).toBe('chloe@relais.test');
      await call(server.url, 'auth.logout', undefined, { cookie });
      const after = await call(server.url, 'auth.me', undefined, { cookie, method: 'GET' });
      expect(after.status).toBe(401);
      expect(after.body.error.data.code).toBe('UNAUTHORIZED');
    } finally {
      await server.close();
    }
  });

  it('knows the session’s user and role on each request, and refuses an expired session', async () => {
    const evaluator = await makeUser(t.db, { email: 'nadia@relais.test', isEvaluator: true });
    const server = await startServer(t.db);
    try {
      const login = await call(server.url, 'auth.login', { email: 'nadia@relais.test', password: PASSWORD });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const me = await call(server.url, 'auth.me', undefined, { cookie, method: 'GET' });
      expect(me.body.result.data).toEqual({ id: evaluator.id, email: 'nadia@relais.test', name: evaluator.name, role: 'mentor', isEvaluator: true });
      await t.db.models.Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId: evaluator.id } });
      const expired = await call(server.url, 'auth.me', undefined, { cookie, method: 'GET' });
      expect(expired.status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('answers 403 to a POST without X-Relais-Client, before running anything', async () => {
    await makeUser(t.db, { email: 'lucas@relais.test' });
    const server = await startServer(t.db);
    try {
      const res = await call(server.url, 'auth.login', { email: 'lucas@relais.test', password: PASSWORD }, { header: false });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/X-Relais-Client/);
      expect(res.headers.get('set-cookie')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('answers BAD_REQUEST naming the field for malformed input, never a 500', async () => {
    await makeUser(t.db, { email: 'manon@relais.test' });
    const server = await startServer(t.db);
    try {
      const login = await call(server.url, 'auth.login', { email: 'manon@relais.test', password: PASSWORD });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const bad = await call(server.url, 'board.get', { boardId: 'two' }, { cookie, method: 'GET' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.data.code).toBe('BAD_REQUEST');
      expect(bad.body.error.data.zodError.fieldErrors).toHaveProperty('boardId');
      const badEmail = await call(server.url, 'auth.login', { email: 'not-an-email', password: 'x' });
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.error.data.zodError.fieldErrors).toHaveProperty('email');
      const garbage = await fetch(`${server.url}/trpc/card.move`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-relais-client': 't', cookie }, body: '{not json' });
      expect(garbage.status).toBe(400);
      const helmetHeader = garbage.headers.get('x-content-type-options');
      expect(helmetHeader).toBe('nosniff');
    } finally {
      await server.close();
    }
  });
});

describe('compression', () => {
  it('gzips a board for a client that accepts it, and leaves the live feed uncompressed so events are not held back', async () => {
    await makeUser(t.db, { email: 'ines@relais.test', role: 'manager' });
    const server = await startServer(t.db);
    const abort = new AbortController();
    try {
      const login = await call(server.url, 'auth.login', { email: 'ines@relais.test', password: PASSWORD });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const input = encodeURIComponent(JSON.stringify({ boardId: 1 }));
      const board = await fetch(`${server.url}/trpc/board.get?input=${input}`, { headers: { cookie, 'accept-encoding': 'gzip' } });
      expect(board.status).toBe(200);
      expect(board.headers.get('content-encoding')).toBe('gzip');
      expect(((await board.json()) as { result: { data: { columns: unknown[] } } }).result.data.columns).toHaveLength(5);
      const feed = await fetch(`${server.url}/trpc/board.events?input=${input}`, { headers: { cookie, 'accept-encoding': 'gzip' }, signal: abort.signal });
      expect(feed.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(feed.headers.get('content-encoding')).toBeNull();
    } finally {
      abort.abort();
      await server.close();
    }
  });
});

/** A write that holds the writer until released, so that the next ones queue behind it. */
function holdTheWriter(db: TestDatabase['db']) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { release, done: db.write(() => held) };
}

describe('concurrent writes (SQLite: serialised, committed in groups; PostgreSQL: row locks)', () => {
  it('applies 50 concurrent moves and 50 concurrent comments, all of them, leaving distinct positions', async () => {
    const manager = await makeManager(t.db);
    const mentor = await makeUser(t.db);
    const board = await boardId(t.db, 'defense');
    const cards: Awaited<ReturnType<typeof makeCard>>[] = [];
    for (let i = 0; i < 50; i++) {
      const learner = await makeLearner(t.db, { mentorId: mentor.id });
      cards.push(await makeCard(t.db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(Date.now() + 20 * 86_400_000) }));
    }
    const api = await callerFor(t.db, manager);
    const moves = await Promise.allSettled(cards.map((c, i) => api.card.move({ cardId: c.id, toColumnKey: 'drafts', toIndex: i % 3 })));
    expect(moves.filter((m) => m.status === 'rejected')).toEqual([]);
    const comments = await Promise.allSettled(cards.map((c) => api.card.comment({ cardId: cards[0]!.id, body: `note on ${c.id}` })));
    expect(comments.filter((m) => m.status === "rejected")).toEqual([]);
    expect(await t.db.models.Card.count({ where: { boardId: board, columnKey: 'drafts' } })).toBeGreaterThanOrEqual(50);
    expect(await t.db.models.Comment.count({ where: { cardId: cards[0]!.id } })).toBe(50);
    const positions = (await t.db.models.Card.findAll({ where: { boardId: board, columnKey: 'drafts' } })).map((c) => c.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it.skipIf(onPostgres)('writes a short queue one transaction at a time, each answered as soon as it is committed', async () => {
    const { db } = t;
    const steps: string[] = [];
    const first = holdTheWriter(db);
    const a = db.write(async (tx) => db.models.Setting.create({ key: 'single.a', value: 1 }, { transaction: tx }));
    const b = db.write(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      steps.push('b ran');
      return db.models.Setting.create({ key: 'single.b', value: 2 }, { transaction: tx });
    });
    void a.then(() => steps.push('a answered'));
    first.release();
    await Promise.all([first.done, a, b]);
    expect(steps).toEqual(['a answered', 'b ran']);
  });

  it.skipIf(onPostgres)('commits the writes that queued up while one ran (four or more) together: each sees those before it, a failing one is undone alone, none is answered or published before the commit', async () => {
    const { db } = t;
    const steps: string[] = [];
    const first = holdTheWriter(db);
    const a = db.write(async (tx) => {
      await db.models.Setting.create({ key: 'group.a', value: 1 }, { transaction: tx });
      committed(tx, () => steps.push('a published'));
      steps.push('a ran');
      return 'a';
    });
    const b = db.write(async (tx) => {
      await db.models.Setting.create({ key: 'group.b', value: 2 }, { transaction: tx });
      committed(tx, () => steps.push('b published'));
      throw new Error('b refused');
    });
    const c = db.write(async (tx) => {
      const seen = await db.models.Setting.findByPk('group.a', { transaction: tx });
      await db.models.Setting.create({ key: 'group.c', value: seen ? 3 : 0 }, { transaction: tx });
      steps.push('c ran');
      return 'c';
    });
    const d = db.write(async (tx) => db.models.Setting.create({ key: 'group.d', value: 4 }, { transaction: tx }));
    void a.then(() => steps.push('a answered'));
    first.release();
    await first.done;
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b refused');
    await expect(c).resolves.toBe('c');
    await d;
    expect(steps.indexOf('a answered')).toBeGreaterThan(steps.indexOf('c ran'));
    expect(steps.indexOf('a published')).toBeGreaterThan(steps.indexOf('c ran'));
    expect(steps).not.toContain('b published');
    expect(await db.models.Setting.findByPk('group.b')).toBeNull();
    expect((await db.models.Setting.findByPk('group.c'))?.value).toBe(3);
  });
});
