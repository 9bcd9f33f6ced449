/**
 * The card core, under both pipelines: what a card is to the rules (facts), as the client
 * receives it (toDto), who may see it (visibleCard), how it changes column (placeCard, the
 * one place) and how an assignment ends (assignInTx). defenses.ts and transfers.ts use it;
 * cards.ts, the move orchestrator, sits above them.
 */
import type { Transaction } from 'sequelize';
import type { Card } from '../db/models';
import type { Database } from '../db/sequelize';
import { findRow, saveRow } from '../db/rows';
import { slotIn } from '../db/queries';
import { conflict, notFound, ruleError, type RuleViolation } from '../errors';
import { record, notify } from './activity';
import type { AuthedContext, ServiceContext } from './context';
import { learnerMissingFields } from './learners';
import { toDay } from '../../shared/dates';
import type { BoardKind, ColumnKey } from '../../shared/workflow/boards';
import { cardFacts } from '../../shared/workflow/drop';
import { canSeeCard, cardFlags, profileVerdict, type CardFacts } from '../../shared/workflow/rules';

export type { AuthedContext };

const boardKinds = new WeakMap<Database, Map<number, BoardKind>>();

/** Boards never change kind; their kinds are cached per database. */
export async function boardKind(db: Database, boardId: number, transaction?: Transaction): Promise<BoardKind> {
  let kinds = boardKinds.get(db);
  if (!kinds) boardKinds.set(db, (kinds = new Map()));
  let kind = kinds.get(boardId);
  if (!kind) {
    const board = await db.models.Board.findByPk(boardId, { transaction });
    if (!board) throw notFound('Board');
    kind = board.kind;
    kinds.set(boardId, kind);
  }
  return kind;
}

/** What the rules need to know of a card (the one cardFacts, shared/workflow/drop.ts). */
export function facts(card: Card, kind: BoardKind): CardFacts {
  return cardFacts(
    {
      ...card.get(),
      hasDescription: (card.description ?? '').trim() !== '',
      defenseDate: card.defenseDate ? card.defenseDate.toISOString() : null,
    },
    kind,
  );
}

/** The card as API.md shapes it. */
export function cardDto(card: Card, kind: BoardKind, volunteerIds: number[], today: string) {
  return {
    id: card.id,
    boardId: card.boardId,
    kind,
    columnKey: card.columnKey,
    position: card.position,
    learnerId: card.learnerId,
    projectId: card.projectId ?? null,
    mentorId: card.mentorId,
    description: card.description,
    hasDescription: (card.description ?? '').trim() !== '',
    version: card.version,
    archived: card.archived ?? false,
    createdAt: card.createdAt.toISOString(),
    updatedAt: card.updatedAt.toISOString(),
    defenseDate: card.defenseDate ? card.defenseDate.toISOString() : null,
    attempt: card.attempt ?? 1,
    evaluatorId: card.evaluatorId ?? null,
    outcome: card.outcome ?? null,
    previousCardId: card.previousCardId ?? null,
    retakeCardId: card.retakeCardId ?? null,
    handoverDate: card.handoverDate ?? null,
    reason: card.reason ?? null,
    volunteerIds,
    newMentorId: card.newMentorId ?? null,
    missingFields: card.missingFields ?? [],
    flags: cardFlags(facts(card, kind), today),
  };
}
export type CardDto = ReturnType<typeof cardDto>;

export async function volunteersOf(db: Database, cardIds: number[], transaction?: Transaction): Promise<Map<number, number[]>> {
  const byCard = new Map<number, number[]>();
  if (cardIds.length === 0) return byCard;
  const rows = await db.models.Volunteer.findAll({ where: { cardId: cardIds }, order: [['createdAt', 'ASC']], transaction });
  for (const row of rows) byCard.set(row.cardId, [...(byCard.get(row.cardId) ?? []), row.mentorId]);
  return byCard;
}

export async function toDto(ctx: ServiceContext, card: Card, transaction?: Transaction): Promise<CardDto> {
  const kind = await boardKind(ctx.db, card.boardId, transaction);
  const volunteers = kind === 'transfer' ? (await volunteersOf(ctx.db, [card.id], transaction)).get(card.id) ?? [] : [];
  return cardDto(card, kind, volunteers, toDay(ctx.now()));
}

/**
 * The card, if this user may see it; NOT_FOUND otherwise, so a mentor cannot tell another
 * mentor's draft from a card that does not exist. Locks the row inside a transaction. A
 * withdrawn or archived card is off the board: found only when asked for (`archived`), to
 * read or restore it.
 */
export async function visibleCard(ctx: AuthedContext, cardId: number, transaction?: Transaction, options: { archived?: boolean } = {}) {
  const card = await findRow(ctx.db, ctx.db.models.Card, cardId, transaction);
  if (!card || (card.archived && !options.archived)) throw notFound('Card');
  const kind = await boardKind(ctx.db, card.boardId, transaction);
  if (!canSeeCard(ctx.user, facts(card, kind))) throw notFound('Card');
  return { card, kind };
}

/** Rejects a stale write with CONFLICT and the fresh card. */
export async function checkVersion(ctx: ServiceContext, card: Card, version: number | undefined, transaction: Transaction) {
  if (version !== undefined && version !== card.version) throw conflict(await toDto(ctx, card, transaction));
}

/**
 * A place for `card` in column `to` at `index` (end by default): its new key, index and the
 * column's new length. Moves into one column take turns (a row lock on the column; SQLite's
 * writes are serialised already), so two cards racing into the same gap get distinct keys.
 */
export async function takeSlot(ctx: ServiceContext, t: Transaction, card: Card, to: ColumnKey, index: number | undefined) {
  if (ctx.db.dialect === 'postgres') {
    await ctx.db.models.Column.findOne({ where: { boardId: card.boardId, key: to }, transaction: t, lock: t.LOCK.UPDATE });
  }
  return slotIn(ctx.db, card.boardId, to, card.id, index, t);
}

/** Who took a card off the board, when, which way and why (null while it is on the board). */
export function archiveDto(card: Card) {
  return card.archived
    ? { kind: card.archiveKind ?? 'archived', at: card.archivedAt ? card.archivedAt.toISOString() : null, byId: card.archivedById ?? null, reason: card.archiveReason ?? null }
    : null;
}
export type ArchiveDto = ReturnType<typeof archiveDto>;

/**
 * Puts `card` into `to` at `index` (end by default), bumps its version and records the
 * move. Rules are the caller's: this is the one place a card changes column.
 */
export async function placeCard(
  ctx: AuthedContext,
  t: Transaction,
  card: Card,
  to: ColumnKey,
  index: number | undefined,
  changes: Partial<Card['_creationAttributes']> = {},
  data: Record<string, unknown> = {},
) {
  const from = card.columnKey;
  const slot = await takeSlot(ctx, t, card, to, index);
  card.set({ ...changes, columnKey: to, position: slot.position, version: card.version + 1 });
  await saveRow(ctx.db, card, t, ctx.now());
  await record(ctx, t, {
    boardId: card.boardId,
    cardId: card.id,
    learnerId: card.learnerId,
    type: 'moved',
    data: { from, to, index: slot.index, of: slot.of, ...data },
  });
}

/** The learner's missing mandatory fields, checked inside the write. */
export async function profileGaps(ctx: ServiceContext, learnerId: number, t: Transaction) {
  return learnerMissingFields(ctx.db, learnerId, t);
}

/**
 * A manager's assignment met an incomplete profile: the card goes to Profile to update,
 * named fields stored on it, its mentor notified. The caller throws `profile_incomplete`
 * after this commits, so the move is kept while the assignment is refused.
 */
export async function sendToProfileUpdate(ctx: AuthedContext, t: Transaction, card: Card, missing: string[]) {
  if (card.columnKey !== 'profile_to_update') {
    await placeCard(ctx, t, card, 'profile_to_update', undefined, { missingFields: missing }, { missingFields: missing });
  } else {
    card.set({ missingFields: missing, version: card.version + 1 });
    await card.save({ transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'profile_checked', data: { missingFields: missing } });
  }
  await notify(ctx, t, [card.mentorId], 'profile_to_update', card.id, { missingFields: missing, learnerId: card.learnerId });
}

/**
 * The end of an assignment, the same on both boards once the assignee is found eligible:
 * an incomplete learner profile sends the card to Profile to update (returned as the
 * refusal to throw after commit); otherwise the card enters Assigned with its assignee,
 * the event is recorded and the assignee and the card's mentor are notified.
 */
export async function assignInTx(
  ctx: AuthedContext,
  t: Transaction,
  card: Card,
  assignee: { field: 'evaluatorId' | 'newMentorId'; id: number; notification: string; details: Record<string, unknown> },
  index?: number,
): Promise<RuleViolation | null> {
  const missing = await profileGaps(ctx, card.learnerId, t);
  if (missing.length > 0) {
    await sendToProfileUpdate(ctx, t, card, missing);
    return profileIncomplete(missing);
  }
  const previous = card[assignee.field] ?? null;
  if (card.columnKey === 'assigned') {
    card.set({ [assignee.field]: assignee.id, version: card.version + 1 });
    await card.save({ transaction: t });
  } else {
    await placeCard(ctx, t, card, 'assigned', index, { [assignee.field]: assignee.id, missingFields: [] });
  }
  const role = assignee.field === 'evaluatorId' ? 'evaluator' : 'new_mentor';
  await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'assigned', data: { role, from: previous, to: assignee.id } });
  await notify(ctx, t, [assignee.id], assignee.notification, card.id, { learnerId: card.learnerId, ...assignee.details });
  await notify(ctx, t, [card.mentorId], 'card_assigned', card.id, { [assignee.field]: assignee.id });
  return null;
}

export function profileIncomplete(missing: string[]) {
  const verdict = profileVerdict(missing);
  return verdict.ok ? null : ruleError('profile_incomplete', verdict.message, { missingFields: missing, fields: missing });
}
