/** People as the accounts pages show them: their account's state, invitation, last sight and load. */
import { Op, type Transaction } from 'sequelize';
import type { Database } from '../db/sequelize';
import type { Invitation, User } from '../db/models';
import { sqlInstant } from '../db/rows';
import { notFound } from '../errors';
import { mentorLoads, mentorProjects } from './mentors';

export type AccountStatus = 'active' | 'invited' | 'invitation_expired' | 'invitation_revoked' | 'deactivated';

export interface InvitationInfo {
  status: 'pending' | 'expired' | 'revoked' | 'used';
  createdAt: string;
  expiresAt: string;
}

export interface UserDto {
  id: number;
  name: string;
  email: string;
  role: 'mentor' | 'manager';
  isEvaluator: boolean;
  capacity: number;
  acceptsRqth: boolean;
  projectIds: number[];
  active: boolean;
  deactivatedAt: string | null;
  createdAt: string;
  /** Whether the person has set a password (accepted their invitation). */
  hasPassword: boolean;
  /** What the accounts page shows: signed up, invited (link pending), the link expired or revoked, deactivated. */
  status: AccountStatus;
  /** The latest set-password link made for them. */
  invitation: InvitationInfo | null;
  /** When one of their sessions was last used (to the hour), if any is open. */
  lastSeenAt: string | null;
  /** Learners they mentor now (a mentor). */
  activeLearners: number;
}

function invitationInfo(row: Invitation | undefined, now: Date): InvitationInfo | null {
  if (!row) return null;
  const expiresAt = sqlInstant(row.expiresAt);
  const status = row.usedAt ? 'used' : row.revokedAt ? 'revoked' : expiresAt <= now ? 'expired' : 'pending';
  return { status, createdAt: sqlInstant(row.createdAt).toISOString(), expiresAt: expiresAt.toISOString() };
}

function statusOf(user: User, invitation: InvitationInfo | null): AccountStatus {
  if (!user.active) return 'deactivated';
  if (user.passwordHash !== '') return 'active';
  if (invitation?.status === 'pending') return 'invited';
  return invitation?.status === 'revoked' ? 'invitation_revoked' : 'invitation_expired';
}

/** The accounts as the accounts page shows them, by name; only `ids` when given. */
export async function userDtos(db: Database, now: Date, ids?: number[], transaction?: Transaction): Promise<UserDto[]> {
  const only = ids ? { id: ids } : {};
  const [users, projects, loads, invitations, sessions] = await Promise.all([
    db.models.User.findAll({ where: only, order: [['name', 'ASC'], ['id', 'ASC']], transaction }),
    mentorProjects(db, transaction),
    mentorLoads(db, transaction, ids),
    db.models.Invitation.findAll({ where: ids ? { userId: ids } : {}, order: [['id', 'ASC']], transaction, raw: true }),
    db.models.Session.findAll({ attributes: ['userId', 'lastSeenAt', 'createdAt'], where: { ...(ids ? { userId: ids } : {}), expiresAt: { [Op.gte]: now } }, transaction, raw: true }),
  ]);
  const latest = new Map<number, Invitation>();
  for (const row of invitations) latest.set(row.userId, row);
  const seen = new Map<number, Date>();
  for (const s of sessions) {
    const at = sqlInstant(s.lastSeenAt ?? s.createdAt);
    const before = seen.get(s.userId);
    if (!before || at > before) seen.set(s.userId, at);
  }
  return users.map((u) => {
    const invitation = invitationInfo(latest.get(u.id), now);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      isEvaluator: u.isEvaluator,
      capacity: u.capacity,
      acceptsRqth: u.acceptsRqth,
      projectIds: projects.get(u.id) ?? [],
      active: u.active,
      deactivatedAt: u.deactivatedAt ? sqlInstant(u.deactivatedAt).toISOString() : null,
      createdAt: sqlInstant(u.createdAt).toISOString(),
      hasPassword: u.passwordHash !== '',
      status: statusOf(u, invitation),
      invitation,
      lastSeenAt: seen.get(u.id)?.toISOString() ?? null,
      activeLearners: loads.get(u.id)?.activeLearners ?? 0,
    };
  });
}

export async function userDto(db: Database, now: Date, userId: number, transaction?: Transaction): Promise<UserDto> {
  const [dto] = await userDtos(db, now, [userId], transaction);
  if (!dto) throw notFound('Person');
  return dto;
}

