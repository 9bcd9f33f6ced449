/**
 * Set-password links: the holder of one (an invitation, or a reset a manager sent) chooses
 * their password and is signed in. A link works once, for 7 days; only its token's SHA-256
 * is kept (accounts.ts makes them).
 */
import { sqlInstant } from '../db/rows';
import type { Invitation } from '../db/models';
import { DomainError } from '../errors';
import { audit } from './audit';
import { digest, hashPassword, openSession, type NewSession } from './auth';
import type { ServiceContext } from './context';
import { assertAcceptablePassword } from './passwords';
import { sessionsEnded } from './sessionEnds';

function linkNotValid(): DomainError {
  return new DomainError(
    'not_found',
    'This link does not work any more: it was used, replaced by a newer one or revoked, or it expired (a link lasts 7 days). Ask a manager for a new one.',
    'invitation_invalid',
  );
}

/**
 * auth.setPassword: the holder of a set-password link chooses their password and is signed
 * in. The link works once; every session the person had ends (the link may be a reset).
 */
export async function setPasswordFromLink(
  ctx: ServiceContext,
  input: { token: string; password: string },
  session: { days: number; previousToken: string | null },
): Promise<NewSession> {
  const { db } = ctx;
  const tokenHash = digest(input.token);
  const found = await db.models.Invitation.findOne({ where: { tokenHash } });
  const now = ctx.now();
  const usable = (row: Invitation | null) => row !== null && !row.usedAt && !row.revokedAt && sqlInstant(row.expiresAt) > now;
  if (!found || !usable(found)) throw linkNotValid();
  const owner = await db.models.User.findByPk(found.userId);
  if (!owner || !owner.active) throw linkNotValid();
  await assertAcceptablePassword(input.password, owner.email);
  const passwordHash = await hashPassword(input.password);
  const opened = await db.write(async (t) => {
    // Checked again under the lock: two uses of one link at once make one password.
    const invitation = await db.models.Invitation.findByPk(found.id, { transaction: t, lock: t.LOCK.UPDATE });
    const user = await db.models.User.findByPk(found.userId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!usable(invitation) || !user || !user.active) throw linkNotValid();
    const reset = user.passwordHash !== '';
    invitation!.usedAt = now;
    await invitation!.save({ transaction: t });
    user.passwordHash = passwordHash;
    user.updatedAt = now;
    await user.save({ transaction: t });
    const endedSessions = await db.models.Session.destroy({ where: { userId: user.id }, transaction: t });
    const opened = await openSession(db, t, user, { now, days: session.days, client: ctx.client, previousToken: session.previousToken });
    await audit(db, { type: 'password_set', actorId: user.id, email: user.email, client: ctx.client, at: now, subjectId: user.id, data: { reset, endedSessions } }, t);
    return opened;
  });
  sessionsEnded(db, opened.user.id);
  return opened;
}
