/**
 * board.events: the activity log of one board as a live stream. The listener is opened
 * before the backlog is read; every read goes through the log by id, so a subscriber gets
 * each event once, in order, whether it arrived live or after a reconnect.
 */
import { Op } from 'sequelize';
import { tracked } from '@trpc/server';
import type { Activity } from '../db/models';
import { boardKind, facts, toDto, type AuthedContext } from './cards';
import { canSeeCard } from '../../shared/workflow/rules';

const PAGE = 200;

async function payload(ctx: AuthedContext, activity: Activity) {
  const base = { id: activity.id, boardId: activity.boardId!, cardId: activity.cardId, at: activity.createdAt.toISOString() };
  const card = activity.cardId ? await ctx.db.models.Card.findByPk(activity.cardId) : null;
  const kind = await boardKind(ctx.db, activity.boardId!);
  if (!card || card.archived || !canSeeCard(ctx.user, facts(card, kind))) {
    // A card this user may not see (another mentor's draft): only that it is gone from view.
    return { ...base, type: 'hidden' as const, actorId: null, data: {}, card: null, learner: null };
  }
  const learner = await ctx.db.models.Learner.findByPk(card.learnerId, {
    attributes: ['id', 'firstName', 'lastName', 'pathId', 'currentProjectId', 'mentorId', 'rqth'],
    raw: true,
  });
  return { ...base, type: activity.type, actorId: activity.actorId, data: activity.data, card: await toDto(ctx, card), learner };
}

export type FeedEvent = Awaited<ReturnType<typeof payload>>;

export async function* boardFeed(ctx: AuthedContext, boardId: number, lastEventId: string | null | undefined, abort: AbortSignal) {
  await boardKind(ctx.db, boardId);
  const { Activity } = ctx.db.models;
  const live = ctx.events.iterate(abort);
  const resumeFrom = lastEventId && /^\d+$/.test(lastEventId) ? Number(lastEventId) : null;
  let last = resumeFrom ?? ((await Activity.max<number, Activity>('id', { where: { boardId } })) ?? 0);

  async function* drain() {
    for (;;) {
      const rows = await Activity.findAll({ where: { boardId, id: { [Op.gt]: last } }, order: [['id', 'ASC']], limit: PAGE });
      for (const row of rows) {
        last = row.id;
        yield tracked(String(row.id), await payload(ctx, row));
      }
      if (rows.length < PAGE) return;
    }
  }

  if (resumeFrom !== null) yield* drain();
  for await (const signal of live) {
    if (signal.boardId === boardId && signal.id > last) yield* drain();
  }
}
