/**
 * The audit trail: who signed in or failed to, who was throttled, who changed an account,
 * a mentor's profile or a setting, and from where. Managers read it (`audit.list`).
 * Unlike the activity log it is not a board's history and feeds no one live.
 */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { sqlInstant } from '../db/rows';
import type { Database } from '../db/sequelize';
import type { AuditEvent } from '../db/models';
import type { AuditListInput, AuditType } from '../../shared/schemas/audit';
import type { ClientInfo } from './context';

export interface AuditInput {
  type: AuditType;
  /** Who did it; null for the system or an unknown account. */
  actorId: number | null;
  email?: string | null;
  client: ClientInfo;
  data?: Record<string, unknown>;
  /** The account the line is about, when there is one (shown on that person's page). */
  subjectId?: number | null;
  at: Date;
}

/** Records one line, in `transaction` when the change it records has one (so both land or neither). */
export async function audit(db: Database, input: AuditInput, transaction?: Transaction): Promise<void> {
  const row = {
    type: input.type,
    actorId: input.actorId,
    email: input.email?.slice(0, 320) ?? null,
    ip: input.client.ip?.slice(0, 64) ?? null,
    userAgent: input.client.userAgent?.slice(0, 512) ?? null,
    data: input.data ?? {},
    subjectId: input.subjectId ?? null,
    createdAt: input.at,
  };
  if (transaction) await db.models.AuditEvent.create(row, { transaction });
  else await db.write((t) => db.models.AuditEvent.create(row, { transaction: t }));
}

export interface AuditItem {
  id: number;
  at: string;
  type: string;
  actorId: number | null;
  actorName: string | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
}

/** A page of the trail, newest first, filtered; `nextCursor` reads the page after it. */
export async function listAudit(db: Database, input: AuditListInput & { limit: number; person?: number }): Promise<{ items: AuditItem[]; nextCursor: number | null }> {
  const where: WhereOptions<AuditEvent>[] = [];
  // A person's page: what they did, and what was done to their account.
  if (input.person) where.push({ [Op.or]: [{ actorId: input.person }, { subjectId: input.person }] });
  if (input.type) where.push({ type: input.type });
  if (input.actorId) where.push({ actorId: input.actorId });
  if (input.before) where.push({ id: { [Op.lt]: input.before } });
  if (input.from) where.push({ createdAt: { [Op.gte]: new Date(input.from) } });
  if (input.to) where.push({ createdAt: { [Op.lte]: new Date(input.to) } });
  if (input.email) {
    // The email a sign-in named, or the email of the account that acted.
    // LIKE's own wildcards in what was typed are dropped (no ESCAPE clause on both dialects).
    const pattern = `%${input.email.replace(/[\\%]/g, '')}%`;
    const actors = await db.models.User.findAll({ attributes: ['id'], where: { email: { [Op.like]: pattern } }, raw: true });
    where.push({ [Op.or]: [{ email: { [Op.like]: pattern } }, { actorId: { [Op.in]: actors.map((a) => a.id) } }] });
  }
  const rows = await db.models.AuditEvent.findAll({ where: { [Op.and]: where }, order: [['id', 'DESC']], limit: input.limit + 1, raw: true });
  const page = rows.slice(0, input.limit);
  const actorIds = [...new Set(page.map((r) => r.actorId).filter((a): a is number => a !== null))];
  const names = new Map(
    actorIds.length === 0 ? [] : (await db.models.User.findAll({ attributes: ['id', 'name'], where: { id: actorIds }, raw: true })).map((u) => [u.id, u.name] as const),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      at: sqlInstant(r.createdAt).toISOString(),
      type: r.type,
      actorId: r.actorId,
      actorName: r.actorId === null ? null : (names.get(r.actorId) ?? null),
      email: r.email,
      ip: r.ip,
      userAgent: r.userAgent,
      data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}
