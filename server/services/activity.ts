/** The append-only log: every change is one row here, written in the change's own transaction. */
import type { Transaction } from 'sequelize';
import type { Context } from '../context';

export interface ActivityInput {
  boardId?: number | null;
  cardId?: number | null;
  learnerId?: number | null;
  type: string;
  data?: Record<string, unknown>;
}

/** Records an event by the context's user and publishes it to the live feed once the transaction commits. */
export async function record(ctx: Context, t: Transaction, input: ActivityInput) {
  if (ctx.db.dialect === 'postgres' && input.boardId) {
    // Ids of one board's events are handed out in commit order (the board row is held to
    // the end of the transaction), so a subscriber reading "after id N" never skips one
    // that commits late. SQLite's writes are serialised already.
    await ctx.db.models.Board.findByPk(input.boardId, { transaction: t, lock: t.LOCK.UPDATE });
  }
  const activity = await ctx.db.models.Activity.create(
    {
      boardId: input.boardId ?? null,
      cardId: input.cardId ?? null,
      learnerId: input.learnerId ?? null,
      actorId: ctx.user?.id ?? null,
      type: input.type,
      data: input.data ?? {},
      createdAt: ctx.now(),
    },
    { transaction: t },
  );
  if (activity.boardId !== null) {
    const signal = { boardId: activity.boardId, id: activity.id };
    t.afterCommit(() => ctx.events.publish(signal));
  }
  return activity;
}

export async function notify(
  ctx: Context,
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
