/**
 * A card's life off the board: withdrawn (an open card taken back, by its mentor before it
 * is assigned or by a manager), archived (a done card put away, by a manager), restored
 * (back where it was, if the board's rules still allow it). A card off the board keeps its
 * column and place, and who took it off, when and why; `archived` takes it out of every
 * live query, so what it held (a transfer's reserved place, an evaluator's hour, the
 * learner's one open transfer request) is free at once. Each change is an event on the
 * card's board, so every open board drops the card, or gets it back (feedEvents.ts).
 */
import { Op, type Transaction } from 'sequelize';
import type { Card } from '../db/models';
import { saveRow } from '../db/rows';
import { enforce, notFound, ruleError } from '../errors';
import { notify, record } from './activity';
import { archiveDto, facts, takeSlot, toDto, visibleCard, type AuthedContext } from './cardCore';
import { evaluatorStanding } from './defenses';
import { mentorCandidate } from './mentorChoice';
import type { BoardKind } from '../../shared/workflow/boards';
import { mentorReasons, REASON_MESSAGES } from '../../shared/workflow/eligibility';
import {
  canArchive,
  canRestore,
  canWithdraw,
  learnerActiveVerdict,
  projectChoiceVerdict,
  type ArchiveKind,
} from '../../shared/workflow/rules';

/**
 * Takes `card` off the board inside `t` (the caller has checked the rules): who, when,
 * which way and why on the card, an event on its board, and word to the others who held a
 * part in it. `data` adds to the event (a learner's deactivation says so).
 */
export async function takeOffBoard(ctx: AuthedContext, t: Transaction, card: Card, kind: ArchiveKind, reason: string | null, data: Record<string, unknown> = {}) {
  const now = ctx.now();
  card.set({ archived: true, archivedAt: now, archivedById: ctx.user.id, archiveKind: kind, archiveReason: reason, version: card.version + 1 });
  await saveRow(ctx.db, card, t, now);
  await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: kind, data: { reason, column: card.columnKey, ...data } });
  if (kind === 'withdrawn') {
    await notify(ctx, t, [card.mentorId, card.evaluatorId, card.newMentorId], 'card_withdrawn', card.id, { learnerId: card.learnerId, reason, ...data });
  }
}

/** card.withdraw: the card's mentor before it is assigned, or a manager, takes an open card off the board. */
export async function withdrawCard(ctx: AuthedContext, cardId: number, reason: string) {
  const card = await ctx.db.write(async (t) => {
    const { card, kind } = await visibleCard(ctx, cardId, t);
    enforce(canWithdraw(ctx.user, facts(card, kind)));
    await takeOffBoard(ctx, t, card, 'withdrawn', reason);
    return card;
  });
  return archivedCardDto(ctx, card);
}

/** card.archive: a manager puts a done card away. */
export async function archiveCard(ctx: AuthedContext, cardId: number, reason: string | undefined) {
  const card = await ctx.db.write(async (t) => {
    const { card, kind } = await visibleCard(ctx, cardId, t);
    enforce(canArchive(ctx.user, facts(card, kind)));
    await takeOffBoard(ctx, t, card, 'archived', reason ?? null);
    return card;
  });
  return archivedCardDto(ctx, card);
}

async function archivedCardDto(ctx: AuthedContext, card: Card) {
  return { ...(await toDto(ctx, card)), archive: archiveDto(card) };
}

/**
 * Whether the board still takes `card` back where it was: refused with the rule's name
 * when it does not. A done card is history and always comes back; an open one needs its
 * learner at the school, its project not retired (unless it is the learner's current one),
 * no other open transfer request for the learner, and, once assigned, its evaluator still
 * free and able at that hour, or its new mentor still with a place and able to take the
 * learner.
 */
async function checkRestore(ctx: AuthedContext, t: Transaction, card: Card, kind: BoardKind) {
  const { db } = ctx;
  if (card.columnKey === 'done') return;
  const learner = await db.models.Learner.findByPk(card.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!learner) throw notFound('Learner');
  enforce(learnerActiveVerdict(learner));
  if (card.projectId !== null && card.projectId !== learner.currentProjectId) {
    const project = await db.models.Project.findByPk(card.projectId, { transaction: t });
    if (project) enforce(projectChoiceVerdict(project));
  }
  if (kind === 'transfer') {
    const transferBoards = (await db.models.Board.findAll({ attributes: ['id'], where: { kind: 'transfer' }, transaction: t })).map((b) => b.id);
    const open = await db.models.Card.findOne({
      attributes: ['id'],
      where: { boardId: transferBoards, learnerId: card.learnerId, archived: false, columnKey: { [Op.ne]: 'done' }, id: { [Op.ne]: card.id } },
      transaction: t,
    });
    if (open) {
      throw ruleError('one_open_transfer', `This learner already has an open transfer request (card ${open.id}): a learner has one at a time. Withdraw that one to restore this one.`, { params: { cardId: String(open.id) } });
    }
  }
  if (card.columnKey !== 'assigned') return learner;
  if (kind === 'defense' && card.evaluatorId !== null) {
    // Its hour may have been given to another defense since, or the evaluator changed.
    const standing = await evaluatorStanding(ctx, t, card, card.evaluatorId);
    if (!standing || !standing.eligible) {
      const reasons = standing?.reasons ?? [];
      throw ruleError('evaluator_ineligible', `${standing?.name ?? 'The evaluator'} can no longer hold this defense${reasons.length ? `: ${reasons.join('; ')}` : ''}. Restore it once that is settled, or file a new one.`, {
        reasons,
        reasonCodes: standing?.reasonCodes ?? [],
      });
    }
  }
  if (kind === 'transfer' && card.newMentorId !== null) {
    // The place it reserved was freed by the withdrawal: it must still be there to take back.
    const mentor = await db.models.User.findByPk(card.newMentorId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!mentor) throw notFound('Mentor');
    const candidate = await mentorCandidate(db, t, mentor);
    const codes = mentorReasons(candidate, { currentProjectId: learner.currentProjectId, learnerRqth: learner.rqth === true, currentMentorId: learner.mentorId });
    if (codes.length > 0) {
      const reasons = codes.map((c) => REASON_MESSAGES[c]);
      throw ruleError('mentor_ineligible', `${mentor.name} can no longer take over this learner: ${reasons.join('; ')}.`, { reasons, reasonCodes: codes });
    }
  }
  return learner;
}

/** card.restore: a withdrawn or archived card back in its column, between the cards it stood between, if the rules still allow it. */
export async function restoreCard(ctx: AuthedContext, cardId: number) {
  const { db } = ctx;
  const card = await db.write(async (t) => {
    // The learner before the card, the order learner.deactivate takes them in (a card's learner never changes).
    const peek = await db.models.Card.findByPk(cardId, { attributes: ['learnerId'], transaction: t });
    if (peek) await db.models.Learner.findByPk(peek.learnerId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
    const { card, kind } = await visibleCard(ctx, cardId, t, { archived: true });
    if (!card.archived) throw ruleError('move_not_allowed', 'This card is on the board already.');
    const was: ArchiveKind = card.archiveKind ?? 'archived';
    enforce(canRestore(ctx.user, facts(card, kind), was));
    const learner = await checkRestore(ctx, t, card, kind);
    // Rights on an open card follow the learner's mentor: one withdrawn before a handover comes
    // back to the new mentor, and only they (or a manager) may bring it back.
    if (learner && card.mentorId !== learner.mentorId) {
      enforce(canRestore(ctx.user, { ...facts(card, kind), mentorId: learner.mentorId }, was));
      const from = card.mentorId;
      card.set({ mentorId: learner.mentorId, version: card.version + 1 });
      await saveRow(db, card, t, ctx.now());
      await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'mentor_changed', data: { from, to: learner.mentorId, restored: true } });
    }
    // Between the cards it stood between: the live cards whose keys sort before its own come first.
    const before = await db.models.Card.count({
      where: { boardId: card.boardId, columnKey: card.columnKey, archived: false, position: { [Op.lt]: card.position } },
      transaction: t,
    });
    const slot = await takeSlot(ctx, t, card, card.columnKey, before);
    const previous = { kind: was, at: card.archivedAt?.toISOString() ?? null, byId: card.archivedById, reason: card.archiveReason };
    card.set({ archived: false, archivedAt: null, archivedById: null, archiveKind: null, archiveReason: null, position: slot.position, version: card.version + 1 });
    await saveRow(db, card, t, ctx.now());
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'restored', data: { to: card.columnKey, index: slot.index, of: slot.of, was: previous } });
    if (was === 'withdrawn') await notify(ctx, t, [card.mentorId, card.evaluatorId, card.newMentorId], 'card_restored', card.id, { learnerId: card.learnerId });
    return card;
  });
  return toDto(ctx, card);
}
