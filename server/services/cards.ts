/**
 * Cards on both boards: reading, filing, editing, moving. Every write runs in one
 * transaction with its activity event; every rule comes from shared/workflow.
 */
import { Op, QueryTypes, type Transaction } from 'sequelize';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context';
import type { Card } from '../db/models';
import type { Database } from '../db/sequelize';
import { findRow, saveRow } from '../db/rows';
import { conflict, enforce, forbidden, notFound, ruleError } from '../errors';
import { record, notify } from './activity';
import { mandatoryFields } from './settings';
import { learnerMissingFields } from './learners';
import { assignMentorInTx, completeHandover } from './transfers';
import { assignEvaluatorInTx } from './defenses';
import { toDay } from '../../shared/dates';
import { missingFields as computeMissing } from '../../shared/learnerFields';
import { positionAt } from '../../shared/ordering';
import { type BoardKind, type ColumnKey } from '../../shared/workflow/boards';
import {
  canEditCard,
  canSeeCard,
  cardFlags,
  leadTimeVerdict,
  moveVerdict,
  needsCompleteProfile,
  profileVerdict,
  type Actor,
  type CardFacts,
} from '../../shared/workflow/rules';
import type { z } from 'zod';
import type { cardCreateInput, cardMoveInput, cardUpdateInput } from '../../shared/schemas/card';

export type AuthedContext = Context & { user: NonNullable<Context['user']> };

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

export function facts(card: Card, kind: BoardKind): CardFacts {
  return {
    kind,
    columnKey: card.columnKey,
    mentorId: card.mentorId,
    learnerId: card.learnerId,
    projectId: card.projectId,
    hasDescription: (card.description ?? '').trim() !== '',
    defenseDate: card.defenseDate ? card.defenseDate.toISOString() : null,
    handoverDate: card.handoverDate,
    evaluatorId: card.evaluatorId,
    newMentorId: card.newMentorId,
    outcome: card.outcome,
  };
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

export async function toDto(ctx: Context, card: Card, transaction?: Transaction): Promise<CardDto> {
  const kind = await boardKind(ctx.db, card.boardId, transaction);
  const volunteers = kind === 'transfer' ? (await volunteersOf(ctx.db, [card.id], transaction)).get(card.id) ?? [] : [];
  return cardDto(card, kind, volunteers, toDay(ctx.now()));
}

/**
 * The card, if this user may see it; NOT_FOUND otherwise, so a mentor cannot tell another
 * mentor's draft from a card that does not exist. Locks the row inside a transaction.
 */
export async function visibleCard(ctx: AuthedContext, cardId: number, transaction?: Transaction) {
  const card = await findRow(ctx.db, ctx.db.models.Card, cardId, transaction);
  if (!card || card.archived) throw notFound('Card');
  const kind = await boardKind(ctx.db, card.boardId, transaction);
  if (!canSeeCard(ctx.user, facts(card, kind))) throw notFound('Card');
  return { card, kind };
}

/** Rejects a stale write with CONFLICT and the fresh card. */
export async function checkVersion(ctx: Context, card: Card, version: number | undefined, transaction: Transaction) {
  if (version !== undefined && version !== card.version) throw conflict(await toDto(ctx, card, transaction));
}

/**
 * Where a card lands in a column: the key between its new neighbours, its index and the
 * column's new length, in one read of the index cards_live_column_order: the neighbours,
 * in order, with the column's count beside them. SQLite's BINARY collation and PostgreSQL's
 * COLLATE "C" both order keys byte by byte, as comparePositions does. No index means the
 * end of the column, as does an index past it.
 */
export async function slotIn(db: Database, boardId: number, columnKey: ColumnKey, exceptId: number, index: number | undefined, transaction: Transaction) {
  const column = `FROM cards WHERE "boardId" = ? AND "columnKey" = ? AND archived = ? AND id <> ?`;
  const where = [boardId, columnKey, false, exceptId];
  const read = (order: string, limit: number, offset: number) =>
    db.sequelize.query<{ id: number; position: string; total: number | string }>(
      `SELECT id, position, (SELECT count(*) ${column}) AS total ${column} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      { replacements: [...where, ...where], type: QueryTypes.SELECT, transaction },
    );
  if (index !== undefined) {
    // The cards either side of `index`: [before, after], or [first] at the top.
    const at = Math.max(0, index);
    const neighbours = await read('position ASC, id ASC', 2, Math.max(at - 1, 0));
    const count = neighbours.length > 0 ? Number(neighbours[0]!.total) : 0;
    if (at <= count) return { position: positionAt(neighbours, at === 0 ? 0 : 1), index: at, of: count + 1 };
  }
  const [last] = await read('position DESC, id DESC', 1, 0);
  const count = last ? Number(last.total) : 0;
  return { position: positionAt(last ? [last] : [], 1), index: count, of: count + 1 };
}

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
  // Moves into one column take turns (a row lock on the column; SQLite's writes are
  // serialised already), so two cards racing into the same gap get distinct keys.
  if (ctx.db.dialect === 'postgres') {
    await ctx.db.models.Column.findOne({ where: { boardId: card.boardId, key: to }, transaction: t, lock: t.LOCK.UPDATE });
  }
  const slot = await slotIn(ctx.db, card.boardId, to, card.id, index, t);
  card.set({ ...changes, columnKey: to, position: slot.position, version: card.version + 1 });
  await saveRow(ctx.db, card, t);
  await record(ctx, t, {
    boardId: card.boardId,
    cardId: card.id,
    learnerId: card.learnerId,
    type: 'moved',
    data: { from, to, index: slot.index, of: slot.of, ...data },
  });
}

/** The learner's missing mandatory fields, checked inside the write. */
async function profileGaps(ctx: Context, learnerId: number, t: Transaction) {
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
): Promise<TRPCError | null> {
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
  return verdict.ok ? null : ruleError('profile_incomplete', verdict.message, { missingFields: missing });
}

export async function createCard(ctx: AuthedContext, input: z.infer<typeof cardCreateInput>) {
  const { db } = ctx;
  const kind = await boardKind(db, input.boardId);
  const today = toDay(ctx.now());
  const actor: Actor = ctx.user;
  if (input.override && actor.role !== 'manager') throw forbidden('Only a manager can override the lead-time rule.');

  const card = await db.write(async (t) => {
    const learner = await db.models.Learner.findByPk(input.learnerId, { transaction: t });
    if (!learner || !learner.active || (actor.role !== 'manager' && learner.mentorId !== actor.id)) {
      throw notFound('Learner');
    }
    const projectId = input.projectId ?? learner.currentProjectId;
    if (projectId) {
      const project = await db.models.Project.findByPk(projectId, { transaction: t });
      if (!project) throw notFound('Project');
    }
    const date = kind === 'defense' ? input.defenseDate : input.handoverDate;
    if (!date) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: kind === 'defense' ? 'A defense needs its date and hour.' : 'A transfer needs its handover date.',
      });
    }
    enforce(leadTimeVerdict(actor, kind, toDay(date), today, input.override));
    const overridden = leadTimeVerdict(actor, kind, toDay(date), today, false).ok === false;

    if (kind === 'transfer') {
      const open = await db.models.Card.count({
        where: { boardId: input.boardId, learnerId: learner.id, archived: false, columnKey: { [Op.ne]: 'done' } },
        transaction: t,
      });
      if (open > 0) throw ruleError('move_not_allowed', 'This learner already has an open transfer request.');
    }

    const to = input.columnKey ?? 'drafts';
    const draft = db.models.Card.build({
      boardId: input.boardId,
      columnKey: 'drafts',
      position: '',
      learnerId: learner.id,
      projectId: projectId ?? null,
      mentorId: learner.mentorId,
      description: input.description,
      defenseDate: kind === 'defense' ? new Date(date) : null,
      handoverDate: kind === 'transfer' ? date : null,
      reason: kind === 'transfer' ? input.reason ?? null : null,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    if (to !== 'drafts') {
      enforce(moveVerdict(actor, facts(draft, kind), to));
      if (needsCompleteProfile('drafts', to)) {
        const missing = await profileGaps(ctx, learner.id, t);
        enforce(profileVerdict(missing));
      }
    }
    draft.columnKey = to;
    draft.position = (await slotIn(db, input.boardId, to, 0, undefined, t)).position;
    await draft.save({ transaction: t });
    await record(ctx, t, {
      boardId: draft.boardId,
      cardId: draft.id,
      learnerId: draft.learnerId,
      type: 'created',
      data: { to, date },
    });
    if (overridden) {
      await record(ctx, t, {
        boardId: draft.boardId,
        cardId: draft.id,
        learnerId: draft.learnerId,
        type: 'override',
        data: { rule: 'lead_time', reason: input.overrideReason ?? null, date },
      });
    }
    return draft;
  });
  return toDto(ctx, card);
}

const EDITABLE = ['description', 'projectId', 'reason'] as const;

export async function updateCard(ctx: AuthedContext, input: z.infer<typeof cardUpdateInput>) {
  const { db } = ctx;
  const card = await db.write(async (t) => {
    const { card, kind } = await visibleCard(ctx, input.cardId, t);
    if (input.defenseDate !== undefined || (input.handoverDate !== undefined && kind === 'defense')) {
      throw ruleError('immovable_date', 'The defense date is immovable: it was agreed with the learner and cannot change. File a new card if the defense must be held again.');
    }
    if (input.handoverDate !== undefined) {
      throw ruleError('immovable_date', 'The handover date cannot be changed once filed; withdraw the request and file a new one.');
    }
    enforce(canEditCard(ctx.user, facts(card, kind)));
    await checkVersion(ctx, card, input.version, t);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of EDITABLE) {
      const value = input[field];
      if (value === undefined || value === card[field]) continue;
      if (field === 'reason' && kind !== 'transfer') continue;
      if (field === 'projectId' && !(await db.models.Project.findByPk(value as number, { transaction: t }))) throw notFound('Project');
      changes[field] = { from: card[field], to: value };
      card.set(field, value as never);
    }
    if (Object.keys(changes).length === 0) return card;
    card.version += 1;
    await card.save({ transaction: t });
    for (const [field, change] of Object.entries(changes)) {
      await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'edited', data: { field, ...change } });
    }
    return card;
  });
  return toDto(ctx, card);
}

export async function moveCard(ctx: AuthedContext, input: z.infer<typeof cardMoveInput>) {
  const { db } = ctx;
  let refusal: TRPCError | null = null;
  const card = await db.write(async (t) => {
    const { card, kind } = await visibleCard(ctx, input.cardId, t);
    await checkVersion(ctx, card, input.version, t);
    const from = card.columnKey;
    const to = input.toColumnKey;
    enforce(moveVerdict(ctx.user, facts(card, kind), to));
    if (to === 'assigned' && from !== 'assigned') {
      // Entering Assigned is an assignment, with every check of the assign procedures.
      refusal =
        kind === 'defense'
          ? await assignEvaluatorInTx(ctx, t, card, card.evaluatorId!, input.toIndex)
          : await assignMentorInTx(ctx, t, card, card.newMentorId!, input.toIndex);
      return card;
    }
    const handover = from !== to && to === 'done' && kind === 'transfer';
    // Lock order is learner before board (as learner.update takes them), so lock it now.
    if (handover) await db.models.Learner.findByPk(card.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
    let missingFields: string[] | undefined;
    if (needsCompleteProfile(from, to) || (to === 'profile_to_update' && from !== to)) {
      missingFields = await profileGaps(ctx, card.learnerId, t);
      if (to === 'proposals') enforce(profileVerdict(missingFields));
    }
    await placeCard(ctx, t, card, to, input.toIndex, missingFields ? { missingFields } : {});
    if (from !== to && to === 'profile_to_update') {
      await notify(ctx, t, [card.mentorId], 'profile_to_update', card.id, { missingFields, learnerId: card.learnerId });
    }
    if (handover) await completeHandover(ctx, t, card);
    return card;
  });
  if (refusal) throw refusal;
  return toDto(ctx, card);
}

export async function commentOnCard(ctx: AuthedContext, cardId: number, body: string) {
  const { db } = ctx;
  return db.write(async (t) => {
    const { card } = await visibleCard(ctx, cardId, t);
    const comment = await db.models.Comment.create({ cardId: card.id, authorId: ctx.user.id, body, createdAt: ctx.now() }, { transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'commented', data: { commentId: comment.id } });
    const watchers = [card.mentorId, card.evaluatorId, card.newMentorId];
    await notify(ctx, t, watchers, 'commented', card.id, { commentId: comment.id });
    return { id: comment.id, cardId: card.id, authorId: comment.authorId, body: comment.body, createdAt: comment.createdAt.toISOString() };
  });
}

export async function cardDetail(ctx: AuthedContext, cardId: number) {
  const { db } = ctx;
  const { card } = await visibleCard(ctx, cardId);
  const [dto, activities, comments, learner] = await Promise.all([
    toDto(ctx, card),
    db.models.Activity.findAll({ where: { cardId: card.id }, order: [['id', 'ASC']] }),
    db.models.Comment.findAll({ where: { cardId: card.id }, order: [['id', 'ASC']] }),
    db.models.Learner.findByPk(card.learnerId),
  ]);
  const mandatory = await mandatoryFields(db);
  return {
    ...dto,
    learner: learner ? { id: learner.id, firstName: learner.firstName, lastName: learner.lastName, mentorId: learner.mentorId } : null,
    learnerMissingFields: learner ? computeMissing(learner.get(), mandatory) : [],
    history: activities.map((a) => ({
      id: a.id,
      type: a.type,
      actorId: a.actorId,
      at: a.createdAt.toISOString(),
      ...(typeof a.data.from === 'string' ? { from: a.data.from } : {}),
      ...(typeof a.data.to === 'string' ? { to: a.data.to } : {}),
      data: a.data,
    })),
    comments: comments.map((c) => ({ id: c.id, authorId: c.authorId, body: c.body, createdAt: c.createdAt.toISOString() })),
  };
}
