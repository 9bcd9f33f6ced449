/** Passwords (argon2id) and server-side sessions stored in the database. */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { parse as parseCookies } from 'cookie';
import { Op } from 'sequelize';
import { TRPCError } from '@trpc/server';
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
  // One query per request: the session and its user together.
  const session = await db.models.Session.findByPk(digest(token), { include: [{ association: 'user', required: true }] });
  const user = (session as (typeof session & { user?: User }) | null)?.user;
  if (!session || !user || session.expiresAt < now) return null;
  return toSessionUser(user);
}

export async function logout(db: Database, token: string): Promise<void> {
  await db.write((transaction) => db.models.Session.destroy({ where: { id: digest(token) }, transaction }));
}
