/** In-app notifications, and the at-risk sweep that raises one per transfer card. */
import { Op } from 'sequelize';
import type { Context } from '../context';
import type { AuthedContext } from './cards';
import { record } from './activity';
import { addDays, toDay } from '../../shared/dates';
import { AT_RISK_DAYS } from '../../shared/workflow/rules';

export async function listNotifications(ctx: AuthedContext) {
  const { Notification } = ctx.db.models;
  const [items, unread] = await Promise.all([
    Notification.findAll({ where: { userId: ctx.user.id }, order: [['id', 'DESC']], limit: 50 }),
    Notification.count({ where: { userId: ctx.user.id, readAt: null } }),
  ]);
  return {
    items: items.map((n) => ({ id: n.id, type: n.type, cardId: n.cardId, data: n.data, read: n.readAt !== null, createdAt: n.createdAt.toISOString() })),
    unread,
  };
}

export async function markRead(ctx: AuthedContext, ids: number[]) {
  await ctx.db.write((t) =>
    ctx.db.models.Notification.update({ readAt: ctx.now() }, { where: { userId: ctx.user.id, id: ids, readAt: null }, transaction: t }),
  );
  return listNotifications(ctx);
}

/**
 * Flags transfers without a new mentor whose handover is AT_RISK_DAYS away or less, and
 * notifies every manager once per card: `atRiskNotifiedAt` remembers it was done.
 */
export async function sweepAtRisk(ctx: Context): Promise<number> {
  const { db } = ctx;
  const horizon = addDays(toDay(ctx.now()), AT_RISK_DAYS);
  const transferBoards = (await db.models.Board.findAll({ where: { kind: 'transfer' } })).map((b) => b.id);
  const due = await db.models.Card.count({
    where: { boardId: transferBoards, newMentorId: null, archived: false, atRiskNotifiedAt: null, columnKey: { [Op.ne]: 'done' }, handoverDate: { [Op.lte]: horizon } },
  });
  if (due === 0) return 0;
  return db.write(async (t) => {
    const cards = await db.models.Card.findAll({
      where: { boardId: transferBoards, newMentorId: null, archived: false, atRiskNotifiedAt: null, columnKey: { [Op.ne]: 'done' }, handoverDate: { [Op.lte]: horizon } },
      transaction: t,
    });
    const managers = await db.models.User.findAll({ attributes: ['id'], where: { role: 'manager' }, transaction: t });
    for (const card of cards) {
      card.atRiskNotifiedAt = ctx.now();
      await card.save({ transaction: t, silent: true });
      await db.models.Notification.bulkCreate(
        managers.map((m) => ({ userId: m.id, cardId: card.id, type: 'at_risk', data: { learnerId: card.learnerId, handoverDate: card.handoverDate }, createdAt: ctx.now() })),
        { transaction: t },
      );
      await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'at_risk', data: { handoverDate: card.handoverDate } });
    }
    return cards.length;
  });
}
