/** The defense pipeline's own steps: choosing the evaluator and recording the outcome. */
import { Op, type Transaction } from 'sequelize';
import type { Card } from '../db/models';
import { enforce, forbidden, notFound, ruleError, type RuleViolation } from '../errors';
import { holdBoardLog, notify, record } from './activity';
import { mentorProjects } from './mentors';
import { advanceAfterPass } from './learners';
import {
  assignInTx,
  facts,
  placeCard,
  toDto,
  visibleCard,
  type AuthedContext,
} from './cardCore';
import { slotIn } from '../db/queries';
import { hourSlot, toDay } from '../../shared/dates';
import { rankEvaluators, type EvaluatorCandidate } from '../../shared/workflow/eligibility';
import { canRecordOutcome, moveVerdict, retakeVerdict } from '../../shared/workflow/rules';

/** Every mentor as a possible evaluator of `card`, with the load and bookings the rules weigh. */
async function evaluatorCandidates(ctx: AuthedContext, card: Card, t?: Transaction): Promise<EvaluatorCandidate[]> {
  const { db } = ctx;
  const [mentors, projects, booked] = await Promise.all([
    db.models.User.findAll({ where: { role: 'mentor' }, transaction: t }),
    mentorProjects(db, t),
    db.models.Card.findAll({
      attributes: ['id', 'evaluatorId', 'defenseDate'],
      where: { evaluatorId: { [Op.ne]: null }, outcome: null, archived: false, id: { [Op.ne]: card.id }, defenseDate: { [Op.ne]: null } },
      transaction: t,
    }),
  ]);
  const now = ctx.now();
  return mentors.map((m) => {
    const mine = booked.filter((b) => b.evaluatorId === m.id);
    return {
      id: m.id,
      name: m.name,
      isEvaluator: m.isEvaluator,
      projectIds: projects.get(m.id) ?? [],
      upcomingDefenses: mine.filter((b) => b.defenseDate! >= now).length,
      busySlots: mine.map((b) => hourSlot(b.defenseDate!)),
      active: m.active,
    };
  });
}

async function defenseFacts(ctx: AuthedContext, card: Card, t?: Transaction) {
  const learner = await ctx.db.models.Learner.findByPk(card.learnerId, { transaction: t });
  if (!learner) throw notFound('Learner');
  return { projectId: card.projectId ?? -1, learnerMentorId: learner.mentorId, slot: hourSlot(card.defenseDate!) };
}

async function visibleDefense(ctx: AuthedContext, cardId: number, t?: Transaction) {
  const found = await visibleCard(ctx, cardId, t);
  if (found.kind !== 'defense') throw ruleError('move_not_allowed', 'This card is not a defense.');
  return found.card;
}

export async function eligibleEvaluators(ctx: AuthedContext, cardId: number) {
  const card = await visibleDefense(ctx, cardId);
  // A deactivated person is never offered (choosing one anyway is refused, with the reason).
  const offered = (await evaluatorCandidates(ctx, card)).filter((c) => c.active);
  return rankEvaluators(offered, await defenseFacts(ctx, card));
}

/** How `evaluatorId` stands as the evaluator of `card` now (eligible, or the reasons why not); null for someone who cannot evaluate at all. */
export async function evaluatorStanding(ctx: AuthedContext, t: Transaction, card: Card, evaluatorId: number) {
  return rankEvaluators(await evaluatorCandidates(ctx, card, t), await defenseFacts(ctx, card, t)).find((r) => r.mentorId === evaluatorId) ?? null;
}

/**
 * Assigns `evaluatorId` to `card` and moves it to Assigned, inside `t`. An ineligible
 * evaluator is refused outright; an incomplete profile sends the card to Profile to
 * update and is returned as the refusal to throw once that move is committed.
 */
export async function assignEvaluatorInTx(ctx: AuthedContext, t: Transaction, card: Card, evaluatorId: number, index?: number): Promise<RuleViolation | null> {
  enforce(moveVerdict(ctx.user, { ...facts(card, 'defense'), evaluatorId }, 'assigned'));
  const rows = rankEvaluators(await evaluatorCandidates(ctx, card, t), await defenseFacts(ctx, card, t));
  const choice = rows.find((r) => r.mentorId === evaluatorId);
  if (!choice) throw notFound('Evaluator');
  if (!choice.eligible) {
    throw ruleError('evaluator_ineligible', `${choice.name} cannot hold this defense: ${choice.reasons.join('; ')}.`, { reasons: choice.reasons, reasonCodes: choice.reasonCodes });
  }
  return assignInTx(ctx, t, card, { field: 'evaluatorId', id: evaluatorId, notification: 'evaluator_assigned', details: { defenseDate: card.defenseDate?.toISOString() } }, index);
}

export async function assignEvaluator(ctx: AuthedContext, cardId: number, evaluatorId: number) {
  let refusal: RuleViolation | null = null;
  const card = await ctx.db.write(async (t) => {
    const card = await visibleDefense(ctx, cardId, t);
    if (ctx.user.role !== 'manager') throw forbidden('Only a manager assigns an evaluator.');
    refusal = await assignEvaluatorInTx(ctx, t, card, evaluatorId);
    return card;
  });
  if (refusal) throw refusal;
  return toDto(ctx, card);
}

/**
 * The evaluator (or a manager) records the outcome; the card moves to Done. A failed
 * defense is retaken with the same evaluator on a new date, as a new linked card.
 */
export async function recordOutcome(ctx: AuthedContext, input: { cardId: number; outcome: 'passed' | 'failed'; retakeDate?: string }) {
  const { db } = ctx;
  const today = toDay(ctx.now());
  const result = await db.write(async (t) => {
    // A pass moves the learner on to their next project: the learner locked first, the order
    // learner.update and learner.deactivate take it in (a card's learner never changes).
    const peek = input.outcome === 'passed' ? await db.models.Card.findByPk(input.cardId, { attributes: ['learnerId'], transaction: t }) : null;
    const learner = peek ? await db.models.Learner.findByPk(peek.learnerId, { transaction: t, lock: t.LOCK.UPDATE }) : null;
    const card = await visibleDefense(ctx, input.cardId, t);
    // A retake card may be inserted below: the board's log first (see holdBoardLog).
    await holdBoardLog(ctx, t, card.boardId);
    enforce(canRecordOutcome(ctx.user, facts(card, 'defense')));
    let retake: Card | null = null;
    if (input.outcome === 'failed') {
      enforce(retakeVerdict(input.retakeDate ? toDay(input.retakeDate) : undefined, today));
      const retakeDate = new Date(input.retakeDate!);
      const held = await db.models.Card.findAll({
        attributes: ['defenseDate'],
        where: { evaluatorId: card.evaluatorId, outcome: null, archived: false, id: { [Op.ne]: card.id } },
        transaction: t,
      });
      const clash = held.some((c) => c.defenseDate && hourSlot(c.defenseDate) === hourSlot(retakeDate));
      if (clash) {
        throw ruleError('evaluator_ineligible', 'The evaluator already holds a defense at that date and hour; choose another hour for the retake.', {
          reasons: ['already holds a defense at that date and hour'],
          reasonCodes: ['busy_at_that_time'],
        });
      }
      retake = await db.models.Card.create(
        {
          boardId: card.boardId,
          columnKey: 'assigned',
          position: (await slotIn(db, card.boardId, 'assigned', card.id, undefined, t)).position,
          learnerId: card.learnerId,
          projectId: card.projectId,
          mentorId: card.mentorId,
          description: card.description,
          defenseDate: retakeDate,
          attempt: card.attempt + 1,
          evaluatorId: card.evaluatorId,
          previousCardId: card.id,
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
        },
        { transaction: t },
      );
      await record(ctx, t, {
        boardId: retake.boardId,
        cardId: retake.id,
        learnerId: retake.learnerId,
        type: 'created',
        data: { to: 'assigned', date: retakeDate.toISOString(), retakeOf: card.id, attempt: retake.attempt },
      });
    }
    await placeCard(ctx, t, card, 'done', undefined, { outcome: input.outcome, retakeCardId: retake?.id ?? null });
    await record(ctx, t, { boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, type: 'outcome', data: { outcome: input.outcome, retakeCardId: retake?.id ?? null } });
    if (learner) await advanceAfterPass(ctx, t, learner, card);
    await notify(ctx, t, [card.mentorId, card.evaluatorId], 'outcome_recorded', card.id, {
      outcome: input.outcome,
      learnerId: card.learnerId,
      ...(retake ? { retakeCardId: retake.id } : { offerTransfer: true }),
    });
    return { card, retake };
  });
  return { card: await toDto(ctx, result.card), retakeCard: result.retake ? await toDto(ctx, result.retake) : null };
}
