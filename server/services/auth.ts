/** Passwords (argon2id) and server-side sessions stored in the database. */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { parse as parseCookies } from 'cookie';
import { Op, type Transaction } from 'sequelize';
import { sqlInstant } from '../db/rows';
import { sessionWithUser } from '../db/queries';
import { badInput, notFound, unauthorized } from '../errors';
import type { Database } from '../db/sequelize';
import type { User } from '../db/models';
import type { SessionUser } from './context';
import { audit } from './audit';
import type { AuthedContext, ClientInfo } from './context';
import { assertAcceptablePassword } from './passwords';
import { sessionsEnded } from './sessionEnds';
import { loginGuard, passwordSlot } from './limits';

export const SESSION_COOKIE = 'relais_session';

/** OWASP's argon2id settings; verifying costs ~20 ms, which also slows password guessing. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return passwordSlot(() => argon2.hash(password, HASH_OPTIONS), { queue: 'unbounded' });
}

let dummyHash: Promise<string> | undefined;

export function toSessionUser(user: User): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, isEvaluator: user.isEvaluator };
}

/** The SHA-256 of a token, hex: what the database keeps of session cookies and set-password links. */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function readSessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  return parseCookies(cookieHeader)[SESSION_COOKIE] ?? null;
}

export interface LoginRequest {
  email: string;
  password: string;
  now: Date;
  days: number;
  client: ClientInfo;
  /** The token of the session the browser still holds, if any: replaced, not left valid beside the new one. */
  previousToken: string | null;
}

/**
 * Checks the password and opens a session. An unknown email costs the same argon2
 * verification as a wrong password, and both get the same message. Repeated failures
 * lock the account and the address out for a while (limits.ts); every attempt is audited.
 */
export async function login(db: Database, request: LoginRequest) {
  const { email, client, now } = request;
  const guard = loginGuard(db);
  await guard.check(email, client.ip);
  const user = await db.models.User.findOne({ where: { email } });
  dummyHash ??= hashPassword('relais-no-such-user');
  // A deactivated account, or one whose invitation is not yet accepted (no password), gets
  // the answer of a wrong password, after the same argon2 check.
  const usable = user !== null && user.active && user.passwordHash !== '';
  const hash = usable ? user.passwordHash : await dummyHash;
  const valid = await passwordSlot(async () => {
    // Checked again in turn: attempts queued behind a flood do not each get a guess.
    await guard.check(email, client.ip);
    return argon2.verify(hash, request.password).catch(() => false);
  });
  if (!user || !usable || !valid) {
    const locks = await guard.failed(email, client.ip);
    const reason = !user ? 'unknown_email' : !user.active ? 'deactivated' : user.passwordHash === '' ? 'no_password' : 'wrong_password';
    await db.write(async (transaction) => {
      await audit(db, { type: 'sign_in_failed', actorId: null, email, client, at: now, subjectId: user?.id ?? null, data: { reason } }, transaction);
      for (const lock of locks) {
        // Recorded once per lock-out, not for each attempt it refuses.
        await audit(db, { type: 'rate_limited', actorId: null, email, client, at: now, data: { scope: lock.scope, seconds: lock.seconds } }, transaction);
      }
    });
    throw unauthorized('Wrong email or password.', 'wrong_password');
  }
  await guard.succeeded(email);
  return db.write(async (transaction) => {
    const session = await openSession(db, transaction, user, request);
    await audit(db, { type: 'sign_in', actorId: user.id, email, client, at: now, subjectId: user.id }, transaction);
    return session;
  });
}

export interface NewSession {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

/**
 * Opens a session for `user` in `transaction`: a random token for the cookie, its SHA-256
 * stored with the browser and address it came from. The browser's previous session, if
 * any, ends, and so do expired ones.
 */
export async function openSession(
  db: Database,
  transaction: Transaction,
  user: User,
  request: { now: Date; days: number; client: ClientInfo; previousToken: string | null },
): Promise<NewSession> {
  const { now, client } = request;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + request.days * 86_400_000);
  await db.models.Session.create(
    { id: digest(token), userId: user.id, expiresAt, createdAt: now, lastSeenAt: now, ip: client.ip?.slice(0, 64) ?? null, userAgent: client.userAgent?.slice(0, 512) ?? null },
    { transaction },
  );
  await db.models.Session.destroy({
    where: { [Op.or]: [{ expiresAt: { [Op.lt]: now } }, ...(request.previousToken ? [{ id: digest(request.previousToken) }] : [])] },
    transaction,
  });
  return { user: toSessionUser(user), token, expiresAt };
}

export interface SessionFound {
  user: SessionUser;
  expiresAt: Date;
}

export async function userForSession(db: Database, token: string, now: Date): Promise<SessionUser | null> {
  return (await findSession(db, token, now))?.user ?? null;
}

/** The live session of a cookie's token and its user; null when unknown or expired. */
export async function findSession(db: Database, token: string, now: Date): Promise<SessionFound | null> {
  // Every request asks: one plain query for the session and its user, no model instances.
  const row = await sessionWithUser(db, digest(token));
  if (!row) return null;
  const expiresAt = sqlInstant(row.expiresAt);
  if (expiresAt < now) return null;
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role, isEvaluator: Boolean(row.isEvaluator) }, expiresAt };
}

/** A session is renewed at most this often, so an active user's requests do not each write. */
const RENEW_AFTER_MS = 3_600_000;

/**
 * Sessions last `days` of inactivity: a session used more than an hour after its last
 * renewal is extended to `days` from now. Returns the new expiry, or null when too soon.
 */
export async function renewSession(db: Database, token: string, found: SessionFound, now: Date, days: number): Promise<Date | null> {
  const full = days * 86_400_000;
  if (found.expiresAt.getTime() - now.getTime() > full - RENEW_AFTER_MS) return null;
  const expiresAt = new Date(now.getTime() + full);
  // "Last seen" is known to the hour: it is written with the renewal, not on every request.
  await db.write((transaction) => db.models.Session.update({ expiresAt, lastSeenAt: now }, { where: { id: digest(token) }, transaction }));
  return expiresAt;
}

export async function logout(db: Database, token: string, user: SessionUser | null, client: ClientInfo, now: Date): Promise<void> {
  await db.write(async (transaction) => {
    await db.models.Session.destroy({ where: { id: digest(token) }, transaction });
    if (user) await audit(db, { type: 'sign_out', actorId: user.id, email: user.email, client, at: now }, transaction);
  });
}

/** Ends every session of `user`, on every device; returns how many were open. */
export async function logoutEverywhere(db: Database, user: SessionUser, client: ClientInfo, now: Date): Promise<number> {
  return db.write(async (transaction) => {
    const ended = await db.models.Session.destroy({ where: { userId: user.id }, transaction });
    await audit(db, { type: 'sign_out_everywhere', actorId: user.id, email: user.email, client, at: now, data: { sessions: ended } }, transaction);
    return ended;
  }).finally(() => sessionsEnded(db, user.id));
}

/** Whether the account can still sign in (not deactivated). */
export async function isActive(db: Database, userId: number): Promise<boolean> {
  return (await db.models.User.findByPk(userId, { attributes: ['active'] }))?.active === true;
}

export interface SessionItem {
  /** The session's public id, for auth.endSession (never its token). */
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session this request came with. */
  current: boolean;
}

/** auth.sessions: the signed-in user's open sessions, the most recently used first. */
export async function listSessions(ctx: AuthedContext, currentToken: string | null): Promise<SessionItem[]> {
  const rows = await ctx.db.models.Session.findAll({ where: { userId: ctx.user.id, expiresAt: { [Op.gte]: ctx.now() } }, raw: true });
  const current = currentToken ? digest(currentToken) : null;
  return rows
    .map((r) => ({
      id: r.publicId,
      userAgent: r.userAgent,
      ip: r.ip,
      createdAt: sqlInstant(r.createdAt).toISOString(),
      lastSeenAt: sqlInstant(r.lastSeenAt ?? r.createdAt).toISOString(),
      expiresAt: sqlInstant(r.expiresAt).toISOString(),
      current: r.id === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/** auth.endSession: ends one of the signed-in user's sessions, by its public id; returns whether it was the current one. */
export async function endSession(ctx: AuthedContext, sessionId: string, currentToken: string | null): Promise<{ current: boolean }> {
  const { db } = ctx;
  return db.write(async (t) => {
    const session = await db.models.Session.findOne({ where: { publicId: sessionId, userId: ctx.user.id }, transaction: t });
    if (!session) throw notFound('Session');
    await session.destroy({ transaction: t });
    await audit(db, { type: 'session_ended', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: ctx.user.id, data: { userAgent: session.userAgent, ip: session.ip } }, t);
    return { current: currentToken !== null && session.id === digest(currentToken) };
  }).finally(() => sessionsEnded(db, ctx.user.id));
}

/**
 * auth.changePassword: the current password is required (and a wrong one counts against
 * the account as a failed sign-in would); the new one must pass passwords.ts. Every other
 * session of the user ends; this one stays.
 */
export async function changePassword(ctx: AuthedContext, input: { currentPassword: string; newPassword: string }, currentToken: string | null): Promise<{ ok: true; endedSessions: number }> {
  const { db, client } = ctx;
  const guard = loginGuard(db);
  await guard.check(ctx.user.email, client.ip);
  const user = await db.models.User.findByPk(ctx.user.id);
  if (!user) throw notFound('Account');
  const valid = user.passwordHash !== '' && (await passwordSlot(() => argon2.verify(user.passwordHash, input.currentPassword).catch(() => false)));
  if (!valid) {
    const locks = await guard.failed(ctx.user.email, client.ip);
    await db.write(async (t) => {
      for (const lock of locks) await audit(db, { type: 'rate_limited', actorId: null, email: ctx.user.email, client, at: ctx.now(), data: { scope: lock.scope, seconds: lock.seconds } }, t);
    });
    throw badInput('Your current password is not right.', 'current_password_wrong');
  }
  await assertAcceptablePassword(input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const keep = currentToken ? digest(currentToken) : null;
  const endedSessions = await db.write(async (t) => {
    await db.models.User.update({ passwordHash }, { where: { id: user.id }, transaction: t });
    const ended = await db.models.Session.destroy({ where: { userId: user.id, ...(keep ? { id: { [Op.ne]: keep } } : {}) }, transaction: t });
    await audit(db, { type: 'password_changed', actorId: user.id, email: user.email, client, at: ctx.now(), subjectId: user.id, data: { endedSessions: ended } }, t);
    return ended;
  });
  sessionsEnded(db, user.id);
  return { ok: true, endedSessions };
}
