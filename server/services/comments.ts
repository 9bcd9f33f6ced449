/** Comments on a card: anyone who sees the card comments; only the author edits or deletes. */
import type { Transaction } from 'sequelize';
import type { Comment } from '../db/models';
import { enforce, notFound } from '../errors';
import { notify, record } from './activity';
import { visibleCard } from './cardCore';
import type { AuthedContext } from './context';
import { canChangeComment } from '../../shared/workflow/rules';

export function commentDto(c: Comment) {
  return { id: c.id, cardId: c.cardId, authorId: c.authorId, body: c.body, createdAt: c.createdAt.toISOString(), editedAt: c.editedAt ? c.editedAt.toISOString() : null };
}

export async function commentOnCard(ctx: AuthedContext, cardId: number, body: string) {
  const { db } = ctx;
  return db.write(async (t) => {
    const { card } = await visibleCard(ctx, cardId, t);
    const comment = await db.models.Comment.create({ cardId: card.id, authorId: ctx.user.id, body, createdAt: ctx.now() }, { transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'commented', data: { commentId: comment.id } });
    const watchers = [card.mentorId, card.evaluatorId, card.newMentorId];
    await notify(ctx, t, watchers, 'commented', card.id, { commentId: comment.id });
    return commentDto(comment);
  });
}

/** The comment, if its card is visible to this user and it was not deleted; its author's alone to change. */
async function ownComment(ctx: AuthedContext, commentId: number, t: Transaction) {
  const comment = await ctx.db.models.Comment.findByPk(commentId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!comment || comment.deletedAt) throw notFound('Comment');
  const { card } = await visibleCard(ctx, comment.cardId, t);
  enforce(canChangeComment(ctx.user, comment));
  return { comment, card };
}

export async function editComment(ctx: AuthedContext, commentId: number, body: string) {
  return ctx.db.write(async (t) => {
    const { comment, card } = await ownComment(ctx, commentId, t);
    if (comment.body === body) return commentDto(comment);
    comment.set({ body, editedAt: ctx.now() });
    await comment.save({ transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'comment_edited', data: { commentId } });
    return commentDto(comment);
  });
}

/** Deletes a comment: it leaves the card (its words are not kept); the history says one was deleted, by whom. */
export async function deleteComment(ctx: AuthedContext, commentId: number) {
  return ctx.db.write(async (t) => {
    const { comment, card } = await ownComment(ctx, commentId, t);
    comment.set({ body: '', deletedAt: ctx.now() });
    await comment.save({ transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'comment_deleted', data: { commentId } });
    return { ok: true as const, commentId };
  });
}
