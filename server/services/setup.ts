/**
 * The first run: while no one has an account, the setup page creates the first mentorship
 * manager (and signs them in). Once done it answers NOT_FOUND, and cannot be replayed: the
 * write transaction checks that no user exists and inserts the `setup` settings row, whose
 * primary key lets only one of two setups at once commit (PostgreSQL holds the second
 * insert until the first commits, then refuses it; SQLite runs write transactions one at
 * a time). The same from the command line: `npm run relais -- create-manager`.
 */
import { UniqueConstraintError } from 'sequelize';
import type { Database } from '../db/sequelize';
import { DomainError } from '../errors';
import { audit } from './audit';
import { hashPassword, openSession, type NewSession } from './auth';
import type { ClientInfo, ServiceContext } from './context';
import { assertAcceptablePassword } from './passwords';

const SETUP_KEY = 'setup';

export async function needsSetup(db: Database): Promise<boolean> {
  return (await db.models.User.count()) === 0;
}

function setupDone(): DomainError {
  return new DomainError('not_found', 'Relais is already set up: sign in, or ask a manager for an invitation.', 'setup_done');
}

/** setup.createManager: the first manager, signed in at once; NOT_FOUND once anyone has an account. */
export async function createFirstManager(
  ctx: ServiceContext,
  input: { name: string; email: string; password: string },
  session: { days: number; previousToken: string | null },
): Promise<NewSession> {
  const { db } = ctx;
  if (!(await needsSetup(db))) throw setupDone();
  await assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.write(async (t) => {
      if ((await db.models.User.count({ transaction: t })) > 0) throw setupDone();
      const now = ctx.now();
      // First, so that a second setup at once waits here for the first, then is refused.
      await db.models.Setting.create({ key: SETUP_KEY, value: { at: now.toISOString(), email: input.email } }, { transaction: t });
      const user = await db.models.User.create({ email: input.email, name: input.name, role: 'manager', passwordHash, createdAt: now, updatedAt: now }, { transaction: t });
      const opened = await openSession(db, t, user, { now, days: session.days, client: ctx.client, previousToken: session.previousToken });
      await audit(db, { type: 'setup_done', actorId: user.id, email: user.email, client: ctx.client, at: now, subjectId: user.id, data: { name: user.name } }, t);
      return opened;
    });
  } catch (error) {
    // The other setup of a race committed first.
    if (error instanceof UniqueConstraintError) throw setupDone();
    throw error;
  }
}

export const CLI_CLIENT: ClientInfo = { ip: null, userAgent: 'relais-cli' };

/**
 * A manager account made from the command line (a server without a browser, or a school
 * that lost its last manager's password): any time, for a new email. Audited as the system.
 */
export async function createManagerAccount(db: Database, input: { name: string; email: string; password: string }, now = new Date()): Promise<{ id: number; email: string; name: string }> {
  const taken = () => new DomainError('conflict', `Someone already has an account with the email ${input.email}.`, 'email_taken');
  if (await db.models.User.findOne({ where: { email: input.email } })) throw taken();
  await assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.write(async (t) => {
      if (await db.models.User.findOne({ where: { email: input.email }, transaction: t })) throw taken();
      const first = (await db.models.User.count({ transaction: t })) === 0;
      const user = await db.models.User.create({ email: input.email, name: input.name, role: 'manager', passwordHash, createdAt: now, updatedAt: now }, { transaction: t });
      await audit(db, { type: 'manager_created', actorId: null, client: CLI_CLIENT, at: now, subjectId: user.id, data: { name: user.name, userEmail: user.email, via: 'cli', first } }, t);
      return { id: user.id, email: user.email, name: user.name };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw taken();
    throw error;
  }
}
