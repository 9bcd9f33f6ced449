/** The append-only log: every change is one row here, written in the change's own transaction. */
import type { Transaction } from 'sequelize';
import type { ServiceContext } from './context';
import { insertRow } from '../db/rows';
import { committed } from '../db/sequelize';

export interface ActivityInput {
  boardId?: number | null;
  cardId?: number | null;
  learnerId?: number | null;
  type: string;
  data?: Record<string, unknown>;
}

/**
 * Records an event by the context's user (one plain INSERT: every write passes here) and
 * publishes it to the live feed once the transaction commits. Returns the event's id.
 */
/**
 * Holds a board's log to the end of `t`: ids of one board's events are handed out in commit
 * order, so a subscriber reading "after id N" never skips one that commits late. A write
 * that inserts a card must take it before the insert (whose foreign key takes a share lock
 * on the board's row, and two such would deadlock on the upgrade). SQLite's writes are
 * serialised already.
 */
export async function holdBoardLog(ctx: ServiceContext, t: Transaction, boardId: number) {
  if (ctx.db.dialect === 'postgres') await ctx.db.models.Board.findByPk(boardId, { transaction: t, lock: t.LOCK.UPDATE });
}

export async function record(ctx: ServiceContext, t: Transaction, input: ActivityInput) {
  if (input.boardId) await holdBoardLog(ctx, t, input.boardId);
  const boardId = input.boardId ?? null;
  const id = await insertRow(ctx.db, 'activities', {
    boardId,
    cardId: input.cardId ?? null,
    learnerId: input.learnerId ?? null,
    actorId: ctx.user?.id ?? null,
    type: input.type,
    data: input.data ?? {},
    createdAt: ctx.now(),
  }, t);
  if (boardId !== null) {
    const signal = { boardId, id };
    committed(t, () => ctx.events.publish(signal));
  }
  return id;
}

export async function notify(
  ctx: ServiceContext,
  t: Transaction,
  userIds: readonly (number | null | undefined)[],
  type: string,
  cardId: number | null,
  data: Record<string, unknown> = {},
) {
  const recipients = [...new Set(userIds.filter((id): id is number => typeof id === 'number' && id !== ctx.user?.id))];
  if (recipients.length === 0) return;
  await ctx.db.models.Notification.bulkCreate(
    recipients.map((userId) => ({ userId, cardId, type, data, createdAt: ctx.now() })),
    { transaction: t },
  );
}
