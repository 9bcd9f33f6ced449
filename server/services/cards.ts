/**
 * Cards on both boards, the orchestration above the pipelines: filing, editing, moving,
 * commenting, reading. A move into Assigned is an assignment (defenses.ts, transfers.ts),
 * a transfer into Done is the handover. Every write runs in one transaction with its
 * activity event; every rule comes from shared/workflow.
 */
import { Op } from 'sequelize';
import type { z } from 'zod';
import { slotIn } from '../db/queries';
import { badInput, enforce, forbidden, notFound, ruleError, type RuleViolation } from '../errors';
import { holdBoardLog, notify, record } from './activity';
import {
  archiveDto,
  boardKind,
  checkVersion,
  facts,
  placeCard,
  profileGaps,
  toDto,
  visibleCard,
  type AuthedContext,
} from './cardCore';
import { assignEvaluatorInTx } from './defenses';
import { commentDto } from './comments';
import { mandatoryFields } from './settings';
import { assignMentorInTx, completeHandover } from './transfers';
import { toDay } from '../../shared/dates';
import { missingFields as computeMissing } from '../../shared/learnerFields';
import { canEditCard, canFileFor, canSeeCard, leadTimeVerdict, moveVerdict, needsCompleteProfile, profileVerdict, projectChoiceVerdict, type Actor } from '../../shared/workflow/rules';
import type { cardCreateInput, cardMoveInput, cardUpdateInput } from '../../shared/schemas/card';

export async function createCard(ctx: AuthedContext, input: z.infer<typeof cardCreateInput>) {
  const { db } = ctx;
  const kind = await boardKind(db, input.boardId);
  const today = toDay(ctx.now());
  const actor: Actor = ctx.user;
  if (input.override && actor.role !== 'manager') throw forbidden('Only a manager can override the lead-time rule.');

  const card = await db.write(async (t) => {
    // Before the card's insert (see holdBoardLog); it also serialises two requests for one learner.
    await holdBoardLog(ctx, t, input.boardId);
    const learner = await db.models.Learner.findByPk(input.learnerId, { transaction: t });
    if (!learner || !learner.active || !canFileFor(actor, learner)) {
      throw notFound('Learner');
    }
    const projectId = input.projectId ?? learner.currentProjectId;
    if (projectId) {
      const project = await db.models.Project.findByPk(projectId, { transaction: t });
      if (!project) throw notFound('Project');
      // A retired project is chosen for no new card, but the learners already on it finish it.
      if (project.id !== learner.currentProjectId) enforce(projectChoiceVerdict(project));
    }
    const date = kind === 'defense' ? input.defenseDate : input.handoverDate;
    if (!date) {
      throw badInput(kind === 'defense' ? 'A defense needs its date and hour.' : 'A transfer needs its handover date.', kind === 'defense' ? 'defense_date_required' : 'handover_date_required');
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
      if (field === 'projectId') {
        const project = await db.models.Project.findByPk(value as number, { transaction: t });
        if (!project) throw notFound('Project');
        const learner = await db.models.Learner.findByPk(card.learnerId, { attributes: ['currentProjectId'], transaction: t });
        if (project.id !== learner?.currentProjectId) enforce(projectChoiceVerdict(project));
      }
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
  let refusal: RuleViolation | null = null;
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

/** The learner's open transfer request (one at most), if this user may see it. */
async function openTransferOf(ctx: AuthedContext, learnerId: number): Promise<number | null> {
  const boards = await ctx.db.models.Board.findAll({ attributes: ['id'], where: { kind: 'transfer' }, raw: true });
  const open = await ctx.db.models.Card.findOne({
    where: { boardId: boards.map((b) => b.id), learnerId, archived: false, columnKey: { [Op.ne]: 'done' } },
  });
  return open && canSeeCard(ctx.user, facts(open, 'transfer')) ? open.id : null;
}

/** card.get: the whole card, with its history and comments; a withdrawn or archived card too (read only), with who took it off the board, when and why (`archive`). */
export async function cardDetail(ctx: AuthedContext, cardId: number) {
  const { db } = ctx;
  const { card } = await visibleCard(ctx, cardId, undefined, { archived: true });
  const [dto, activities, comments, learner, openTransfer] = await Promise.all([
    toDto(ctx, card),
    db.models.Activity.findAll({ where: { cardId: card.id }, order: [['id', 'ASC']] }),
    db.models.Comment.findAll({ where: { cardId: card.id, deletedAt: null }, order: [['id', 'ASC']] }),
    db.models.Learner.findByPk(card.learnerId),
    openTransferOf(ctx, card.learnerId),
  ]);
  const mandatory = await mandatoryFields(db);
  return {
    ...dto,
    learner: learner ? { id: learner.id, firstName: learner.firstName, lastName: learner.lastName, mentorId: learner.mentorId } : null,
    /** The learner's open transfer request visible to this user, if any: "Prepare a transfer" opens it rather than filing a duplicate. */
    openTransferCardId: openTransfer,
    /** Off the board: `{ kind: 'withdrawn' | 'archived', at, byId, reason }`; null on the board. */
    archive: archiveDto(card),
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
    comments: comments.map(commentDto),
  };
}
