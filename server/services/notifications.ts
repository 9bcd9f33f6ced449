/** In-app notifications, and the at-risk sweep that raises one per transfer card. */
import { Op } from 'sequelize';
import type { ServiceContext } from './context';
import type { AuthedContext } from './context';
import { record } from './activity';
import { addDays, toDay } from '../../shared/dates';
import { AT_RISK_DAYS } from '../../shared/workflow/rules';

export async function listNotifications(ctx: AuthedContext) {
  const { Notification } = ctx.db.models;
  const [items, unread] = await Promise.all([
    Notification.findAll({ where: { userId: ctx.user.id }, order: [['id', 'DESC']], limit: 50 }),
    Notification.count({ where: { userId: ctx.user.id, readAt: null } }),
  ]);
  // Where each notification points: the card's board and learner, for links and sentences.
  const cardIds = [...new Set(items.map((n) => n.cardId).filter((id): id is number => id !== null))];
  const cards = cardIds.length ? await ctx.db.models.Card.findAll({ attributes: ['id', 'boardId', 'learnerId'], where: { id: cardIds } }) : [];
  const learnerIds = [...new Set(cards.map((c) => c.learnerId))];
  const learners = learnerIds.length ? await ctx.db.models.Learner.findAll({ attributes: ['id', 'firstName', 'lastName'], where: { id: learnerIds } }) : [];
  const cardById = new Map(cards.map((c) => [c.id, c]));
  const learnerById = new Map(learners.map((l) => [l.id, l]));
  return {
    items: items.map((n) => {
      const card = n.cardId !== null ? cardById.get(n.cardId) : undefined;
      const learner = card ? learnerById.get(card.learnerId) : undefined;
      return {
        id: n.id,
        type: n.type,
        cardId: n.cardId,
        boardId: card?.boardId ?? null,
        learner: learner ? { id: learner.id, firstName: learner.firstName, lastName: learner.lastName } : null,
        data: n.data,
        read: n.readAt !== null,
        createdAt: n.createdAt.toISOString(),
      };
    }),
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
 * notifies every manager once per card: `atRiskNotifiedAt` remembers it was done. Its
 * events have no actor (the system), whoever's request or timer ran it.
 */
export async function sweepAtRisk(context: ServiceContext): Promise<number> {
  // System work: recorded as the system, whoever starts it.
  const ctx: ServiceContext = { ...context, user: null };
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
