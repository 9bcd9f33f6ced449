/** Passwords (argon2id) and server-side sessions stored in the database. */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { parse as parseCookies } from 'cookie';
import { Op } from 'sequelize';
import { sqlInstant } from '../db/rows';
import { sessionWithUser } from '../db/queries';
import { unauthorized } from '../errors';
import type { Database } from '../db/sequelize';
import type { User } from '../db/models';
import type { SessionUser } from './context';
import { audit } from './audit';
import type { ClientInfo } from './context';
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

function digest(token: string): string {
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
  const hash = user ? user.passwordHash : await dummyHash;
  const valid = await passwordSlot(async () => {
    // Checked again in turn: attempts queued behind a flood do not each get a guess.
    await guard.check(email, client.ip);
    return argon2.verify(hash, request.password).catch(() => false);
  });
  if (!user || !valid) {
    const locks = await guard.failed(email, client.ip);
    await db.write(async (transaction) => {
      await audit(db, { type: 'sign_in_failed', actorId: null, email, client, at: now, data: { reason: user ? 'wrong_password' : 'unknown_email' } }, transaction);
      for (const lock of locks) {
        // Recorded once per lock-out, not for each attempt it refuses.
        await audit(db, { type: 'rate_limited', actorId: null, email, client, at: now, data: { scope: lock.scope, seconds: lock.seconds } }, transaction);
      }
    });
    throw unauthorized('Wrong email or password.', 'wrong_password');
  }
  await guard.succeeded(email);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + request.days * 86_400_000);
  await db.write(async (transaction) => {
    await db.models.Session.create({ id: digest(token), userId: user.id, expiresAt }, { transaction });
    await db.models.Session.destroy({
      where: { [Op.or]: [{ expiresAt: { [Op.lt]: now } }, ...(request.previousToken ? [{ id: digest(request.previousToken) }] : [])] },
      transaction,
    });
    await audit(db, { type: 'sign_in', actorId: user.id, email, client, at: now }, transaction);
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
  await db.write((transaction) => db.models.Session.update({ expiresAt }, { where: { id: digest(token) }, transaction }));
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
  });
}
