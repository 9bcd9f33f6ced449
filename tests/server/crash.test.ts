/**
 * Durability: the real server (a child process, as `npm start` runs it) is killed with
 * SIGKILL while 50 writers move cards over HTTP; started again on the same database, it
 * must hold every move it acknowledged (a 2xx), and the database must be sound.
 *
 * Each writer moves a card of its own, one move at a time, between Drafts and Proposals
 * and within them (toIndex), so after the crash each card is exactly at its last
 * acknowledged move, or one move further if a move was in flight when the process died
 * (committed, its answer lost). Its 'moved' events are the acknowledged moves, in order,
 * plus at most that one.
 *
 * SQLite always; PostgreSQL too with RELAIS_TEST_PG=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/sequelize';
import { callerFor } from '../helpers/caller';
import { createPgDatabase, onPostgres, testDatabase } from '../helpers/db';
import { boardId, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import { inDays } from '../helpers/dates';
import { call } from '../helpers/http';
import { startRelais, type Relais } from '../helpers/process';

const WRITERS = 50;
/** The process is killed once this many moves were acknowledged (or after KILL_AFTER_MS), at a random point of a rush. */
const KILL_AT_ACKS = [150, 400] as const;
const KILL_AFTER_MS = 6_000;
const DEMO_PASSWORD = 'relais-demo';

interface Ack {
  version: number;
  columnKey: string;
  position: string;
}

interface Writer {
  cardId: number;
  acks: Ack[];
  /** The move whose answer never came (the process died under it), if any. */
  inFlight: { toColumnKey: string; acknowledged?: boolean } | null;
  /** Answers that were neither a 2xx nor a lost connection. */
  refusals: { status: number; body: unknown }[];
}

async function login(url: string): Promise<string> {
  const res = await call(url, 'auth.login', { email: 'manager@relais.test', password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Files one defense card per writer, in Drafts, for learners whose card can enter Proposals. */
async function fileCards(url: string, cookie: string): Promise<number[]> {
  const boards = (await call(url, 'board.list', undefined, { method: 'GET', cookie })).body.result.data as { id: number; kind: string }[];
  const defenses = boards.find((b) => b.kind === 'defense')!.id;
  const learners = ((await call(url, 'learner.list', undefined, { method: 'GET', cookie })).body.result.data as { id: number; currentProjectId: number | null }[]).filter(
    (l) => l.currentProjectId !== null,
  );
  expect(learners.length).toBeGreaterThan(0);
  // One at a time: filed at once, they deadlock on PostgreSQL (see 'filing cards at once' below).
  const ids: number[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const res = await call(
      url,
      'card.create',
      { boardId: defenses, learnerId: learners[i % learners.length]!.id, description: `Crash test card ${i}`, defenseDate: inDays(30 + Math.floor(i / 10), 8 + (i % 10)) },
      { cookie },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(res.body.result.data.id as number);
  }
  return ids;
}

/** The writers' rush, until the process dies under them. */
async function rush(relais: Relais, cookie: string, cardIds: number[]) {
  const writers: Writer[] = cardIds.map((cardId) => ({ cardId, acks: [], inFlight: null, refusals: [] }));
  let acked = 0;
  let dead = false;
  const killAt = KILL_AT_ACKS[0] + Math.floor(Math.random() * (KILL_AT_ACKS[1] - KILL_AT_ACKS[0]));
  let reached!: () => void;
  const enough = new Promise<void>((resolve) => (reached = resolve));
  const loops = writers.map(async (writer, i) => {
    let n = 0;
    while (!dead) {
      const toColumnKey = (i + n++) % 3 === 0 ? 'drafts' : 'proposals';
      const move = { cardId: writer.cardId, toColumnKey, toIndex: Math.floor(Math.random() * 8) };
      writer.inFlight = { toColumnKey };
      let res: Awaited<ReturnType<typeof call>>;
      try {
        res = await call(relais.url, 'card.move', move, { cookie });
      } catch {
        // The connection died: this move may or may not have been committed.
        return;
      }
      if (res.status >= 200 && res.status < 300 && !res.body?.result?.data) {
        // Acknowledged, but the process died before the whole answer came: committed, where to unknown but its column.
        writer.inFlight = { toColumnKey, acknowledged: true };
        return;
      }
      writer.inFlight = null;
      if (res.status >= 200 && res.status < 300) {
        const card = res.body.result.data;
        writer.acks.push({ version: card.version, columnKey: card.columnKey, position: card.position });
        if (++acked === killAt) reached();
      } else {
        writer.refusals.push({ status: res.status, body: res.body });
        if (res.status === 0 || res.body === null) return;
      }
    }
  });
  await Promise.race([enough, new Promise((r) => setTimeout(r, KILL_AFTER_MS))]);
  await relais.kill('SIGKILL');
  dead = true;
  await Promise.all(loops);
  return { writers, killAt, acked };
}

async function rows<T extends object = Record<string, unknown>>(db: Database, sql: string, replacements: unknown[] = []): Promise<T[]> {
  return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
}

/** SQLite's own checks, or on PostgreSQL amcheck's over every B-tree index (when the extension is there). */
async function integrityProblems(db: Database): Promise<unknown[]> {
  if (db.dialect === 'sqlite') {
    const integrity = await rows<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
    const foreignKeys = await rows(db, 'PRAGMA foreign_key_check');
    return [...integrity.filter((r) => r.integrity_check !== 'ok'), ...foreignKeys];
  }
  const available = await rows(db, `SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'`);
  if (available.length === 0) return [];
  await db.sequelize.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  const indexes = await rows<{ name: string }>(
    db,
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
     WHERE n.nspname = 'public' AND a.amname = 'btree'`,
  );
  const problems: unknown[] = [];
  for (const { name } of indexes) {
    await db.sequelize.query(`SELECT bt_index_parent_check('public."${name}"'::regclass, true)`).catch((error: Error) => problems.push({ index: name, error: error.message }));
  }
  return problems;
}

async function crashAndRecover(label: string, env: Record<string, string>, dataDir: string | undefined, openAfter: () => Database) {
  const started = Date.now();
  const first = await startRelais(env, { dataDir });
  let second: Relais | undefined;
  try {
    const cookie = await login(first.url);
    const cardIds = await fileCards(first.url, cookie);
    const { writers, killAt, acked } = await rush(first, cookie, cardIds);
    const unexpected = writers.flatMap((w) => w.refusals.filter((r) => r.status >= 500).map((r) => ({ cardId: w.cardId, ...r })));
    expect(unexpected, `${label}: 500s before the crash\n${first.output().slice(-3000)}`).toEqual([]);
    // The crash came mid-rush, with moves done and moves in flight.
    expect(acked, `${label}: acknowledged moves before the kill (aimed at ${killAt})`).toBeGreaterThan(WRITERS);

    second = await startRelais(env, { dataDir });
    // The session opened before the crash still works, and the API reads what the database holds.
    const board = await call(second.url, 'card.get', { cardId: cardIds[0] }, { method: 'GET', cookie });
    expect(board.status, JSON.stringify(board.body)).toBe(200);

    const db = openAfter();
    try {
      expect(await integrityProblems(db), `${label}: integrity after the crash`).toEqual([]);
      const lost: unknown[] = [];
      for (const writer of writers) {
        const [card] = await rows<{ version: number; columnKey: string; position: string }>(db, 'SELECT version, "columnKey", position FROM cards WHERE id = ?', [writer.cardId]);
        const moved = (
          await rows<{ data: string | { to: string } }>(db, `SELECT data FROM activities WHERE "cardId" = ? AND type = 'moved' ORDER BY id`, [writer.cardId])
        ).map((a) => (typeof a.data === 'string' ? (JSON.parse(a.data) as { to: string }) : a.data).to);
        const last = writer.acks.at(-1);
        const lastVersion = last?.version ?? 1;
        const acknowledged = writer.acks.map((a) => a.columnKey);
        const problems: string[] = [];
        if (!card) problems.push('the card is gone');
        else if (writer.inFlight?.acknowledged && !(card.version === lastVersion + 1 && card.columnKey === writer.inFlight.toColumnKey)) {
          problems.push(`version ${card.version} in ${card.columnKey}: a move to ${writer.inFlight.toColumnKey} answered 2xx (its body cut off) after version ${lastVersion}`);
        } else if (card.version === lastVersion) {
          if (last && (card.columnKey !== last.columnKey || card.position !== last.position)) problems.push(`at ${card.columnKey}/${card.position}, acknowledged at ${last.columnKey}/${last.position}`);
        } else if (!(card.version === lastVersion + 1 && writer.inFlight && card.columnKey === writer.inFlight.toColumnKey)) {
          problems.push(`version ${card.version}, last acknowledged ${lastVersion}${writer.inFlight ? `, one move in flight to ${writer.inFlight.toColumnKey}` : ''}`);
        }
        // Every acknowledged move has its event, in order; the in-flight one may have its own after them.
        if (JSON.stringify(moved.slice(0, acknowledged.length)) !== JSON.stringify(acknowledged)) problems.push(`moved events ${moved.join(',')} for acknowledged ${acknowledged.join(',')}`);
        if (moved.length > acknowledged.length + (writer.inFlight ? 1 : 0)) problems.push(`${moved.length} moved events for ${acknowledged.length} acknowledged moves`);
        if (card && moved.length !== card.version - 1) problems.push(`${moved.length} moved events at version ${card.version}`);
        if (problems.length > 0) lost.push({ cardId: writer.cardId, acknowledged: writer.acks.length, problems });
      }
      expect(lost, `${label}: acknowledged moves missing after the crash`).toEqual([]);
      // The columns the writers shared are still in a strict order.
      const ties = await rows(
        db,
        `SELECT "boardId", "columnKey", position, count(*) AS n FROM cards WHERE archived = ? GROUP BY "boardId", "columnKey", position HAVING count(*) > 1`,
        [false],
      );
      expect(ties, `${label}: cards sharing a position`).toEqual([]);
    } finally {
      await db.close();
    }
    // The restarted server takes writes again.
    const again = await call(second.url, 'card.move', { cardId: cardIds[0], toColumnKey: 'drafts', toIndex: 0 }, { cookie });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const inFlight = writers.filter((w) => w.inFlight).length;
    console.log(`${label}: ${acked} moves acknowledged before SIGKILL, ${inFlight} in flight; every acknowledged one found after the restart (${Date.now() - started} ms)`);
  } finally {
    await first.stop();
    await second?.stop();
  }
}

describe('a server killed with SIGKILL mid-rush', () => {
  it('keeps every acknowledged move on SQLite, and the file passes integrity_check', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-crash-'));
    try {
      await crashAndRecover('SQLite', {}, dir, () => openDatabase({ storage: path.join(dir, 'relais.sqlite') }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!onPostgres)('keeps every acknowledged move on PostgreSQL, and its indexes pass amcheck', { timeout: 60_000 }, async () => {
    const database = await createPgDatabase();
    try {
      await crashAndRecover('PostgreSQL', { DATABASE_URL: database.url }, undefined, () => openDatabase({ url: database.url }));
    } finally {
      await database.drop();
    }
  });
});

describe('filing cards at once', () => {
  // Found by this suite on PostgreSQL: the card's insert took a share lock on its board's
  // row through the foreign key, then record() asked for it FOR UPDATE, and two creates at
  // once deadlocked. createCard now holds the board's log before the insert (holdBoardLog).
  it('files 4 defense cards on one board at once, none answered with a 500', { timeout: 30_000 }, async () => {
    const t = await testDatabase();
    try {
      const project = await makeProject(t.db);
      const manager = await makeManager(t.db);
      const mentor = await makeUser(t.db, { projectIds: [project.id] });
      const learner = await makeLearner(t.db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
      const board = await boardId(t.db, 'defense');
      const api = await callerFor(t.db, manager);
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, (_, i) => api.card.create({ boardId: board, learnerId: learner.id, description: `Filed at once ${i}`, defenseDate: inDays(30, 8 + i) })),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [`${(r.reason as { code?: string }).code}: ${(r.reason as Error).message}`] : []));
      expect(failures).toEqual([]);
      expect(await t.db.models.Card.count({ where: { boardId: board } })).toBe(4);
    } finally {
      await t.drop();
    }
  });
});
