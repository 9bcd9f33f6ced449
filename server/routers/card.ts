import {
  assignEvaluatorInput,
  cardArchiveInput,
  cardCommentInput,
  cardCreateInput,
  cardIdInput,
  cardMoveInput,
  cardUpdateInput,
  cardWithdrawInput,
  commentEditInput,
  commentIdInput,
  recordOutcomeInput,
} from '../../shared/schemas/card';
import { cardDetail, createCard, moveCard, updateCard } from '../services/cards';
import { archiveCard, restoreCard, withdrawCard } from '../services/cardLifecycle';
import { commentOnCard, deleteComment, editComment } from '../services/comments';
import { assignEvaluator, eligibleEvaluators, recordOutcome } from '../services/defenses';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const cardRouter = router({
  create: protectedProcedure.input(cardCreateInput).mutation(({ ctx, input }) => createCard(ctx, input)),
  get: protectedProcedure.input(cardIdInput).query(({ ctx, input }) => cardDetail(ctx, input.cardId)),
  update: protectedProcedure.input(cardUpdateInput).mutation(({ ctx, input }) => updateCard(ctx, input)),
  move: protectedProcedure.input(cardMoveInput).mutation(({ ctx, input }) => moveCard(ctx, input)),
  comment: protectedProcedure.input(cardCommentInput).mutation(({ ctx, input }) => commentOnCard(ctx, input.cardId, input.body)),
  editComment: protectedProcedure.input(commentEditInput).mutation(({ ctx, input }) => editComment(ctx, input.commentId, input.body)),
  deleteComment: protectedProcedure.input(commentIdInput).mutation(({ ctx, input }) => deleteComment(ctx, input.commentId)),
  eligibleEvaluators: managerProcedure.input(cardIdInput).query(({ ctx, input }) => eligibleEvaluators(ctx, input.cardId)),
  assignEvaluator: managerProcedure.input(assignEvaluatorInput).mutation(({ ctx, input }) => assignEvaluator(ctx, input.cardId, input.evaluatorId)),
  recordOutcome: protectedProcedure.input(recordOutcomeInput).mutation(({ ctx, input }) => recordOutcome(ctx, input)),
  /** Off the board, with the reason: the card's mentor before assignment, or a manager. */
  withdraw: protectedProcedure.input(cardWithdrawInput).mutation(({ ctx, input }) => withdrawCard(ctx, input.cardId, input.reason)),
  /** A done card put away (managers). */
  archive: managerProcedure.input(cardArchiveInput).mutation(({ ctx, input }) => archiveCard(ctx, input.cardId, input.reason)),
  /** Back where it was, if the rules still allow it: managers, or the card's mentor for their own card withdrawn before assignment. */
  restore: protectedProcedure.input(cardIdInput).mutation(({ ctx, input }) => restoreCard(ctx, input.cardId)),
});
