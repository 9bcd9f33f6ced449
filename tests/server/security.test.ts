/**
 * What holds under attack: login limits and their audit, the cap on password checks,
 * body, batch and nesting limits, sessions (replaced at sign-in, sliding expiry, sign out
 * everywhere, never cached), well-formed Unicode, and the audit trail managers read.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, serverOnTestDatabase, signIn, startServer } from '../helpers/http';
import { createPgDatabase, onPostgres } from '../helpers/db';
import { openDatabase } from '../../server/db/sequelize';
import { boardId, makeCard, makeLearner, makeManager, makeUser, PASSWORD } from '../helpers/factories';
import { inDays } from '../helpers/dates';
import { lockSeconds, LOGIN_LIMITS, passwordWorkload } from '../../server/services/limits';
import { jsonDepth } from '../../server/requestLimits';

const s = serverOnTestDatabase();

/** A sign-in attempt from `ip`, as a proxy on this machine reports it (X-Forwarded-For). */
async function attempt(email: string, password: string, ip: string, cookie?: string) {
  const res = await fetch(`${s.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', 'x-forwarded-for': ip, 'user-agent': 'security-test', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

async function auditOf(email: string) {
  return s.db.models.AuditEvent.findAll({ where: { email }, order: [['id', 'ASC']], raw: true });
}

let address = 0;
/** A fresh address per test, so one test's failures never lock another's. */
const freshIp = () => `203.0.113.${++address}`;

describe('login limits', () => {
  it('locks an account out after five failures in a row, even for the right password, with Retry-After and a clear message; all audited, no password kept', async () => {
    const user = await makeUser(s.db);
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.free.account + 1; i++) {
      expect((await attempt(user.email, `guess-${i}`, ip)).status).toBe(401);
    }
    const refused = await attempt(user.email, PASSWORD, ip);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_LIMITS.firstLockSeconds);
    expect(refused.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: wait });
    expect(refused.body.error.message).toMatch(/try again in \d+ seconds/);
    // From anywhere: the lock is the account's.
    expect((await attempt(user.email, PASSWORD, freshIp())).status).toBe(429);

    const trail = await auditOf(user.email);
    expect(trail.filter((e) => e.type === 'sign_in_failed')).toHaveLength(LOGIN_LIMITS.free.account + 1);
    expect(trail.filter((e) => e.type === 'rate_limited')).toHaveLength(1);
    expect(trail[0]).toMatchObject({ ip, userAgent: 'security-test', actorId: null });
    expect(JSON.stringify(trail)).not.toContain('guess-');
  });

  it('doubles each lock-out, up to fifteen minutes', () => {
    const free = LOGIN_LIMITS.free.account;
    expect([free, free + 1, free + 2, free + 3, free + 20].map((n) => lockSeconds('account', n))).toEqual([0, 15, 30, 60, 900]);
  });

  it('forgets an account’s failures at its next sign-in', async () => {
    const user = await makeUser(s.db);
    const ip = freshIp();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOGIN_LIMITS.free.account - 1; i++) expect((await attempt(user.email, 'nope', ip)).status).toBe(401);
      expect((await attempt(user.email, PASSWORD, ip)).status).toBe(200);
    }
  });

  it('locks an address out after thirty failures on any accounts; other addresses still sign in', async () => {
    const user = await makeUser(s.db);
    const ip = freshIp();
    for (let i = 0; i <= LOGIN_LIMITS.free.address; i++) {
      expect((await attempt(`nobody${i}@relais.test`, 'nope', ip)).status).toBe(401);
    }
    expect((await attempt(user.email, PASSWORD, ip)).status).toBe(429);
    expect((await attempt(user.email, PASSWORD, freshIp())).status).toBe(200);
  });

  it('keeps a login flood from starving everyone: at most two password checks at once, and boards still answer', async () => {
    const mentor = await makeUser(s.db);
    const cookie = await signIn(s.url, mentor.email);
    const board = await boardId(s.db, 'defense');
    let busiest = 0;
    const sampler = setInterval(() => (busiest = Math.max(busiest, passwordWorkload().active)), 2);
    // 40 wrong passwords at once, each from its own address and for its own account: no lock-out helps.
    const flood = Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`flood${i}@relais.test`, 'wrong', `198.51.100.${i + 1}`)));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await call(s.url, 'board.get', { boardId: board }, { method: 'GET', cookie })).status).toBe(200);
      waits.push(performance.now() - started);
    }
    const answers = await flood;
    clearInterval(sampler);
    expect(busiest).toBeGreaterThan(0);
    expect(busiest).toBeLessThanOrEqual(2);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    waits.sort((a, b) => a - b);
    // Before the cap, the median read took seconds under 20 failed logins.
    expect(waits[5]).toBeLessThan(500);
  });
});

describe('request limits', () => {
  it('refuses a body over 256 KB from its Content-Length, without reading it', async () => {
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const req = request(`${s.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', 'content-length': String(100 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode!, body }));
      });
      req.on('error', reject);
      // Only the first bytes are sent: the answer must not wait for the other 100 MB.
      req.write('{"email":"');
    });
    expect(status.code).toBe(413);
    expect(JSON.parse(status.body).error.message).toMatch(/too large: at most 256 KB/);
  });

  it('refuses a streamed body as soon as it passes the limit, and a body nested too deeply', async () => {
    const big = await call(s.url, 'auth.login', { email: 'a@relais.test', password: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await fetch(`${s.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-relais-client': 'tests' }, body: deep });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.message).toMatch(/nested too deeply/);
    expect(jsonDepth('{"a":"[[[[","b":[{"c":1}]}', 10)).toBe(3);
  });

  it('refuses a batch of more than 25 calls whole: none of its comments is written', async () => {
    const manager = await makeManager(s.db);
    const cookie = await signIn(s.url, manager.email);
    const learner = await makeLearner(s.db, { mentorId: (await makeUser(s.db)).id });
    const card = await makeCard(s.db, { boardId: await boardId(s.db, 'defense'), learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(25)) });
    const calls = 1000;
    const body = Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), { cardId: card.id, body: `spam ${i}` }]));
    const res = await fetch(`${s.url}/trpc/${Array(calls).fill('card.comment').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', cookie },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(413);
    expect(await s.db.models.Comment.count({ where: { cardId: card.id } })).toBe(0);
  });

  it('still takes the largest valid input, a 20,000-character description', async () => {
    const mentor = await makeUser(s.db);
    const cookie = await signIn(s.url, mentor.email);
    const learner = await makeLearner(s.db, { mentorId: mentor.id });
    const card = await makeCard(s.db, { boardId: await boardId(s.db, 'defense'), learnerId: learner.id, columnKey: 'drafts', defenseDate: new Date(inDays(25)) });
    const res = await call(s.url, 'card.update', { cardId: card.id, version: card.version, description: 'é'.repeat(20_000) }, { cookie });
    expect(res.status).toBe(200);
  });

  it('refuses text that is not valid Unicode (a lone surrogate) with 400, and stores nothing', async () => {
    const mentor = await makeUser(s.db);
    const cookie = await signIn(s.url, mentor.email);
    const learner = await makeLearner(s.db, { mentorId: mentor.id });
    const res = await call(s.url, 'learner.update', { learnerId: learner.id, firstName: '\ud800lone' }, { cookie });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid Unicode/);
    expect((await s.db.models.Learner.findByPk(learner.id))!.firstName).toBe(learner.firstName);
    // A NUL character is refused alike: PostgreSQL cannot store it, and SQLite's SQL text ends at it.
    const nul = await call(s.url, 'card.comment', { cardId: 1, body: 'a\u0000b' }, { cookie });
    expect(nul.status).toBe(400);
    // A well-formed pair (an emoji) is text like any other.
    expect((await call(s.url, 'learner.update', { learnerId: learner.id, firstName: 'Zoé 🎓' }, { cookie })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('ends the previous session at a new sign-in from the same browser', async () => {
    const user = await makeUser(s.db);
    const first = await signIn(s.url, user.email);
    const again = await attempt(user.email, PASSWORD, freshIp(), first);
    expect(again.status).toBe(200);
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: first })).status).toBe(401);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: second })).status).toBe(200);
  });

  it('lasts two weeks of inactivity: a session in use is renewed, its cookie too', async () => {
    const user = await makeUser(s.db);
    const cookie = await signIn(s.url, user.email);
    // As if signed in thirteen days ago.
    const soon = new Date(Date.now() + 86_400_000);
    await s.db.models.Session.update({ expiresAt: soon }, { where: { userId: user.id } });
    const res = await call(s.url, 'auth.me', undefined, { method: 'GET', cookie });
    expect(res.status).toBe(200);
    const renewed = (await s.db.models.Session.findOne({ where: { userId: user.id } }))!.expiresAt;
    expect(renewed.getTime()).toBeGreaterThan(Date.now() + 13.9 * 86_400_000);
    expect(res.headers.get('set-cookie')).toMatch(/relais_session=.*Expires=/);
    // A second request within the hour writes nothing.
    const again = await call(s.url, 'auth.me', undefined, { method: 'GET', cookie });
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('listens on this machine only unless told otherwise (HOST), as behind a proxy', async () => {
    const { env } = await import('../../server/env');
    if (process.env.HOST === undefined) expect(env.host).toBe('127.0.0.1');
    if (process.env.RELAIS_TRUST_PROXY === undefined) expect(env.trustProxy).toBe('loopback');
  });

  it('marks every answer of the API no-store', async () => {
    const user = await makeUser(s.db);
    const cookie = await signIn(s.url, user.email);
    const res = await call(s.url, 'auth.me', undefined, { method: 'GET', cookie });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('signs out everywhere: every session of the user ends, others’ stay, audited', async () => {
    const user = await makeUser(s.db);
    const other = await makeUser(s.db);
    const laptop = await signIn(s.url, user.email);
    const phone = await signIn(s.url, user.email);
    const theirs = await signIn(s.url, other.email);
    const res = await call(s.url, 'auth.logoutEverywhere', undefined, { cookie: phone });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ ok: true, ended: 2 });
    for (const cookie of [laptop, phone]) expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie })).status).toBe(401);
    expect((await call(s.url, 'auth.me', undefined, { method: 'GET', cookie: theirs })).status).toBe(200);
    expect((await auditOf(user.email)).map((e) => e.type)).toEqual(['sign_in', 'sign_in', 'sign_out_everywhere']);
  });
});

describe('the audit trail', () => {
  it('records sign-outs, mentor-profile and settings changes with who and from where; managers filter it, mentors may not read it', async () => {
    const manager = await makeManager(s.db);
    const mentor = await makeUser(s.db);
    const cookie = await signIn(s.url, manager.email);
    expect((await call(s.url, 'mentor.update', { mentorId: mentor.id, capacity: 9 }, { cookie })).status).toBe(200);
    expect((await call(s.url, 'settings.setMandatoryFields', { fields: ['funding', 'timezone'] }, { cookie })).status).toBe(200);
    const list = async (input: object) => (await call(s.url, 'audit.list', input, { method: 'GET', cookie })).body.result.data;

    const changes = await list({ actorId: manager.id });
    expect(changes.items.map((i: { type: string }) => i.type)).toEqual(['settings_changed', 'mentor_updated', 'sign_in']);
    expect(changes.items[1]).toMatchObject({ actorName: manager.name, ip: '127.0.0.1', data: { mentorId: mentor.id, changes: { capacity: { to: 9 } } } });
    expect((await list({ type: 'settings_changed', actorId: manager.id })).items).toHaveLength(1);
    expect((await list({ email: manager.email.toUpperCase(), type: 'sign_in' })).items).toHaveLength(1);
    const page = await list({ actorId: manager.id, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect((await list({ actorId: manager.id, before: page.nextCursor })).items.map((i: { type: string }) => i.type)).toEqual(['sign_in']);
    expect((await list({ actorId: manager.id, from: new Date(Date.now() + 60_000).toISOString() })).items).toHaveLength(0);

    expect((await call(s.url, 'auth.logout', undefined, { cookie })).status).toBe(200);
    expect((await auditOf(manager.email)).at(-1)).toMatchObject({ type: 'sign_out', actorId: manager.id });

    const mentorCookie = await signIn(s.url, mentor.email);
    expect((await call(s.url, 'audit.list', {}, { method: 'GET', cookie: mentorCookie })).status).toBe(403);
  });
});

describe.runIf(onPostgres)('login limits across servers (PostgreSQL)', () => {
  it('locks an account out on every server of the school: the counts live in the database', async () => {
    const shared = await createPgDatabase();
    const a = openDatabase({ url: shared.url });
    const b = openDatabase({ url: shared.url });
    try {
      await a.migrate();
      const user = await makeUser(a, {});
      const [one, two] = [await startServer(a), await startServer(b)];
      try {
        const tryOn = (url: string, password: string) => call(url, 'auth.login', { email: user.email, password });
        // Failures spread over both servers add up.
        for (let i = 0; i <= LOGIN_LIMITS.free.account; i++) expect((await tryOn(i % 2 ? one.url : two.url, 'nope')).status).toBe(401);
        expect((await tryOn(one.url, PASSWORD)).status).toBe(429);
        expect((await tryOn(two.url, PASSWORD)).status).toBe(429);
      } finally {
        await one.close();
        await two.close();
      }
    } finally {
      await a.close();
      await b.close();
      await shared.drop();
    }
  });
});
