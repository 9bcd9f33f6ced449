import { z } from 'zod';
import { COLUMN_KEYS } from '../workflow/boards';
import { id, isoDay, isoInstant, text } from './common';

export const columnKey = z.enum(COLUMN_KEYS);
export const cardIdInput = z.object({ cardId: id });

export const cardCreateInput = z.object({
  boardId: id,
  learnerId: id,
  projectId: id.optional(),
  description: text(20_000).default(''),
  defenseDate: isoInstant.optional(),
  handoverDate: isoDay.optional(),
  reason: text(2_000).optional(),
  columnKey: columnKey.optional(),
  override: z.boolean().optional(),
  overrideReason: text(500).optional(),
});

/** Editable fields. `defenseDate` and `handoverDate` are accepted by the schema only to be refused by the rule, with its reason. */
export const cardUpdateInput = z.object({
  cardId: id,
  version: z.number().int().nonnegative(),
  description: text(20_000).optional(),
  projectId: id.optional(),
  reason: text(2_000).optional(),
  defenseDate: z.string().optional(),
  handoverDate: z.string().optional(),
});

export const cardMoveInput = z.object({
  cardId: id,
  toColumnKey: columnKey,
  toIndex: z.number().int().nonnegative().optional(),
  version: z.number().int().nonnegative().optional(),
});

const commentBody = text(10_000).min(1, 'A comment cannot be empty.');
export const cardCommentInput = z.object({ cardId: id, body: commentBody });
export const commentEditInput = z.object({ commentId: id, body: commentBody });
export const commentIdInput = z.object({ commentId: id });
export const assignEvaluatorInput = z.object({ cardId: id, evaluatorId: id });
export const recordOutcomeInput = z.object({
  cardId: id,
  outcome: z.enum(['passed', 'failed']),
  retakeDate: isoInstant.optional(),
});
export const assignMentorInput = z.object({ cardId: id, mentorId: id });

/** card.withdraw: the card leaves the board, freeing what it held; the reason is recorded. */
export const cardWithdrawInput = z.object({ cardId: id, reason: text(2_000).min(1, 'Say why the card is withdrawn: the reason is recorded.') });
/** card.archive: a done card leaves the board. */
export const cardArchiveInput = z.object({ cardId: id, reason: text(2_000).optional() });
