/** Passwords (argon2id) and server-side sessions stored in the database. */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { parse as parseCookies } from 'cookie';
import { Op, QueryTypes } from 'sequelize';
import { TRPCError } from '@trpc/server';
import { sqlInstant } from '../db/rows';
import type { Database } from '../db/sequelize';
import type { User } from '../db/models';
import type { SessionUser } from '../context';

export const SESSION_COOKIE = 'relais_session';

/** OWASP's argon2id settings; verifying costs ~20 ms, which also slows password guessing. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
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

/**
 * Checks the password and opens a session. An unknown email costs the same argon2
 * verification as a wrong password, and both get the same message.
 */
export async function login(db: Database, email: string, password: string, now: Date, days: number) {
  const user = await db.models.User.findOne({ where: { email } });
  dummyHash ??= hashPassword('relais-no-such-user');
  const valid = await argon2.verify(user ? user.passwordHash : await dummyHash, password).catch(() => false);
  if (!user || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await db.write((transaction) =>
    Promise.all([
      db.models.Session.create({ id: digest(token), userId: user.id, expiresAt }, { transaction }),
      db.models.Session.destroy({ where: { expiresAt: { [Op.lt]: now } }, transaction }),
    ]),
  );
  return { user: toSessionUser(user), token, expiresAt };
}

export async function userForSession(db: Database, token: string, now: Date): Promise<SessionUser | null> {
  // Every request asks: one plain query for the session and its user, no model instances.
  const [row] = await db.sequelize.query<{ id: number; email: string; name: string; role: SessionUser['role']; isEvaluator: boolean | number; expiresAt: Date | string }>(
    'SELECT u.id, u.email, u.name, u.role, u."isEvaluator", s."expiresAt" FROM sessions s JOIN users u ON u.id = s."userId" WHERE s.id = ?',
    { replacements: [digest(token)], type: QueryTypes.SELECT },
  );
  if (!row || sqlInstant(row.expiresAt) < now) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, isEvaluator: Boolean(row.isEvaluator) };
}

export async function logout(db: Database, token: string): Promise<void> {
  await db.write((transaction) => db.models.Session.destroy({ where: { id: digest(token) }, transaction }));
}
