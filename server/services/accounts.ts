/**
 * People's accounts, as managers keep them: invite a mentor or a manager (a one-time link
 * to set a password, valid 7 days, the token's SHA-256 only kept), edit, deactivate and
 * reactivate. A deactivated person cannot sign in, their sessions end at once, their
 * history and open cards stay, and they are never offered for new work. The last active
 * manager can be neither deactivated nor demoted. Every change is in the audit trail,
 * with the account it is about (`subjectId`), for the person's page.
 */
import { randomBytes } from 'node:crypto';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { Database } from '../db/sequelize';
import type { User } from '../db/models';
import { DomainError, notFound, ruleError } from '../errors';
import { record } from './activity';
import { audit, listAudit } from './audit';
import { digest } from './auth';
import type { AuthedContext } from './context';
import { applyMentorProfile, type ProfileChanges } from './mentors';
import { sessionsEnded } from './sessionEnds';
import type { UserInviteInput, UserUpdateInput } from '../../shared/schemas/accounts';
import { userDto, userDtos, type UserDto } from './accountViews';

export type { AccountStatus, InvitationInfo, UserDto } from './accountViews';

/** How long a set-password link works. */
export const INVITATION_DAYS = 7;

/** Where a set-password link opens in the client; the token is in the fragment, which browsers never send to a server. */
export const SET_PASSWORD_PATH = '/set-password';

function emailTaken(email: string): DomainError {
  return new DomainError('conflict', `Someone already has an account with the email ${email}.`, 'email_taken');
}

/** user.list: everyone with an account, deactivated people included. */
export function listUsers(ctx: AuthedContext): Promise<UserDto[]> {
  return userDtos(ctx.db, ctx.now());
}

/** user.get: a person's account and its history (what they did, and what was done to their account), newest first. */
export async function getUser(ctx: AuthedContext, userId: number) {
  const user = await userDto(ctx.db, ctx.now(), userId);
  const history = await listAudit(ctx.db, { person: userId, limit: 100 });
  return { user, history: history.items };
}

/**
 * A new set-password link for `userId`, in `t`: the links made before for them stop
 * working. Returns the token, which only its link holds.
 */
async function newInvitation(ctx: AuthedContext, t: Transaction, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const now = ctx.now();
  await ctx.db.models.Invitation.update({ revokedAt: now }, { where: { userId, usedAt: null, revokedAt: null }, transaction: t });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await ctx.db.models.Invitation.create({ userId, tokenHash: digest(token), createdById: ctx.user.id, createdAt: now, expiresAt }, { transaction: t });
  return { token, expiresAt };
}

export interface InvitationResult {
  user: UserDto;
  /** The path of the set-password link, `/set-password#<token>`; the router makes it a whole URL. */
  setPasswordPath: string;
  expiresAt: string;
}

/** user.invite: an account without a password, and its one-time link. */
export async function inviteUser(ctx: AuthedContext, input: UserInviteInput): Promise<InvitationResult> {
  const { db } = ctx;
  try {
    const { userId, token, expiresAt } = await db.write(async (t) => {
      if (await db.models.User.findOne({ where: { email: input.email }, transaction: t })) throw emailTaken(input.email);
      const now = ctx.now();
      const user = await db.models.User.create(
        { email: input.email, name: input.name, role: input.role, isEvaluator: input.isEvaluator, passwordHash: '', createdAt: now, updatedAt: now },
        { transaction: t },
      );
      const link = await newInvitation(ctx, t, user.id);
      await audit(db, { type: 'user_invited', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: now, subjectId: user.id, data: { name: user.name, userEmail: user.email, role: user.role, isEvaluator: user.isEvaluator } }, t);
      return { userId: user.id, ...link };
    });
    return { user: await userDto(db, ctx.now(), userId), setPasswordPath: `${SET_PASSWORD_PATH}#${token}`, expiresAt: expiresAt.toISOString() };
  } catch (error) {
    // Two invitations of one email at once: the database's unique index settles it.
    if (error instanceof UniqueConstraintError) throw emailTaken(input.email);
    throw error;
  }
}

/**
 * user.resendInvite: a new set-password link (the previous one stops working). For someone
 * who already has a password it is a reset link: their password works until the link is used.
 */
export async function resendInvite(ctx: AuthedContext, userId: number): Promise<InvitationResult> {
  const { db } = ctx;
  const { token, expiresAt } = await db.write(async (t) => {
    const user = await db.models.User.findByPk(userId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!user) throw notFound('Person');
    if (!user.active) throw new DomainError('refused', `${user.name}'s account is deactivated: reactivate it first.`, 'account_deactivated');
    const link = await newInvitation(ctx, t, user.id);
    await audit(db, { type: 'user_invited', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: user.id, data: { name: user.name, resent: true, reset: user.passwordHash !== '' } }, t);
    return link;
  });
  return { user: await userDto(db, ctx.now(), userId), setPasswordPath: `${SET_PASSWORD_PATH}#${token}`, expiresAt: expiresAt.toISOString() };
}

/** user.revokeInvite: the person's pending link stops working; their account stays (a new link can be made). */
export async function revokeInvite(ctx: AuthedContext, userId: number): Promise<UserDto> {
  const { db } = ctx;
  await db.write(async (t) => {
    const user = await db.models.User.findByPk(userId, { transaction: t });
    if (!user) throw notFound('Person');
    const [revoked] = await db.models.Invitation.update({ revokedAt: ctx.now() }, { where: { userId, usedAt: null, revokedAt: null, expiresAt: { [Op.gt]: ctx.now() } }, transaction: t });
    if (revoked === 0) throw new DomainError('not_found', `${user.name} has no pending invitation.`, 'no_pending_invitation');
    await audit(db, { type: 'invitation_revoked', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: user.id, data: { name: user.name } }, t);
  });
  return userDto(db, ctx.now(), userId);
}

/**
 * The active managers, locked in `t` (in id order, so two transactions lock them alike): on
 * PostgreSQL, two managers deactivating or demoting each other at once are serialised here,
 * and the second sees the first's change. SQLite's write transactions are serial already.
 */
async function lockActiveManagers(db: Database, t: Transaction): Promise<User[]> {
  return db.models.User.findAll({ where: { role: 'manager', active: true }, order: [['id', 'ASC']], transaction: t, lock: t.LOCK.UPDATE });
}

function enforceNotLastManager(managers: User[], user: User, what: 'deactivate' | 'demote') {
  if (user.role !== 'manager' || !user.active) return;
  if (managers.some((m) => m.id !== user.id)) return;
  throw ruleError(
    'last_manager',
    what === 'deactivate'
      ? `${user.name} is the last active manager: make someone else a manager before deactivating this account.`
      : `${user.name} is the last active manager: make someone else a manager before making this account a mentor.`,
  );
}

/** What a mentor still holds: learners, an open defense to evaluate, a learner promised by a transfer, an offer to take one over. */
async function mentorWork(db: Database, t: Transaction, mentorId: number): Promise<number> {
  const [learners, evaluations, transfers, volunteers] = await Promise.all([
    db.models.Learner.count({ where: { mentorId }, transaction: t }),
    db.models.Card.count({ where: { evaluatorId: mentorId, outcome: null, archived: false }, transaction: t }),
    db.models.Card.count({ where: { newMentorId: mentorId, archived: false, columnKey: { [Op.ne]: 'done' } }, transaction: t }),
    db.models.Volunteer.count({ where: { mentorId }, transaction: t }),
  ]);
  return learners + evaluations + transfers + volunteers;
}

/** user.update: name, role, evaluator status and the mentoring profile (capacity, projects, RQTH acceptance). */
export async function updateUser(ctx: AuthedContext, input: UserUpdateInput): Promise<UserDto> {
  const { db } = ctx;
  await db.write(async (t) => {
    const managers = input.role === 'mentor' ? await lockActiveManagers(db, t) : [];
    const user = await db.models.User.findByPk(input.userId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!user) throw notFound('Person');
    const changes: ProfileChanges = {};
    if (input.name !== undefined && input.name !== user.name) {
      changes.name = { from: user.name, to: input.name };
      user.name = input.name;
    }
    if (input.role !== undefined && input.role !== user.role) {
      if (input.role === 'mentor') enforceNotLastManager(managers, user, 'demote');
      else if ((await mentorWork(db, t, user.id)) > 0) {
        throw ruleError(
          'mentor_has_learners',
          `${user.name} still has learners or open work as a mentor (an evaluation, a transfer, an offer): hand them over before making this account a manager.`,
        );
      }
      changes.role = { from: user.role, to: input.role };
      user.role = input.role;
    }
    const profile = await applyMentorProfile(db, t, user, input);
    Object.assign(changes, profile);
    if (Object.keys(changes).length === 0) return;
    user.updatedAt = ctx.now();
    await user.save({ transaction: t });
    if (Object.keys(profile).length > 0) await record(ctx, t, { type: 'mentor_updated', data: { mentorId: user.id, changes: profile } });
    await audit(db, { type: 'user_updated', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: user.id, data: { name: user.name, changes } }, t);
  });
  return userDto(db, ctx.now(), input.userId);
}

/** user.deactivate: cannot sign in any more, every session ends now, pending links stop working; history and open cards stay. */
export async function deactivateUser(ctx: AuthedContext, userId: number): Promise<UserDto> {
  const { db } = ctx;
  await db.write(async (t) => {
    const managers = await lockActiveManagers(db, t);
    const user = await db.models.User.findByPk(userId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!user) throw notFound('Person');
    if (!user.active) return;
    enforceNotLastManager(managers, user, 'deactivate');
    const now = ctx.now();
    user.active = false;
    user.deactivatedAt = now;
    user.updatedAt = now;
    await user.save({ transaction: t });
    const endedSessions = await db.models.Session.destroy({ where: { userId }, transaction: t });
    await db.models.Invitation.update({ revokedAt: now }, { where: { userId, usedAt: null, revokedAt: null }, transaction: t });
    const openCards = await db.models.Card.count({
      where: { archived: false, columnKey: { [Op.ne]: 'done' }, [Op.or]: [{ mentorId: userId }, { evaluatorId: userId }, { newMentorId: userId }] },
      transaction: t,
    });
    await audit(db, { type: 'user_deactivated', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: now, subjectId: userId, data: { name: user.name, endedSessions, openCards } }, t);
  });
  sessionsEnded(db, userId);
  return userDto(db, ctx.now(), userId);
}

/** user.reactivate: signs in again with the password they had (or a new link), and is offered for work again. */
export async function reactivateUser(ctx: AuthedContext, userId: number): Promise<UserDto> {
  const { db } = ctx;
  await db.write(async (t) => {
    const user = await db.models.User.findByPk(userId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!user) throw notFound('Person');
    if (user.active) return;
    user.active = true;
    user.deactivatedAt = null;
    user.updatedAt = ctx.now();
    await user.save({ transaction: t });
    await audit(db, { type: 'user_reactivated', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: userId, data: { name: user.name } }, t);
  });
  return userDto(db, ctx.now(), userId);
}
