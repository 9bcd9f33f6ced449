/** The transfer pipeline's own steps: volunteering, choosing the new mentor, the handover. */
import { Op, type Transaction } from 'sequelize';
import type { Card } from '../db/models';
import { enforce, forbidden, notFound, ruleError, type RuleViolation } from '../errors';
import { notify, record } from './activity';
import { listMentors } from './mentors';
import {
  assignInTx,
  facts,
  toDto,
  visibleCard,
  volunteersOf,
  type AuthedContext,
} from './cardCore';
import { rankMentors } from '../../shared/workflow/eligibility';
import { canVolunteer, moveVerdict } from '../../shared/workflow/rules';

async function visibleTransfer(ctx: AuthedContext, cardId: number, t?: Transaction) {
  const found = await visibleCard(ctx, cardId, t);
  if (found.kind !== 'transfer') throw ruleError('move_not_allowed', 'This card is not a transfer request.');
  return found.card;
}

/** The mentors ranked for `card`; deactivated ones only when `includeDeactivated` (to refuse one chosen anyway, with the reason). */
async function rankedMentors(ctx: AuthedContext, card: Card, t?: Transaction, includeDeactivated = false) {
  const { db } = ctx;
  const [learner, mentors, volunteers] = await Promise.all([
    db.models.Learner.findByPk(card.learnerId, { transaction: t }),
    listMentors(db, t, { includeDeactivated }),
    volunteersOf(db, [card.id], t),
  ]);
  if (!learner) throw notFound('Learner');
  const offered = new Set(volunteers.get(card.id) ?? []);
  return rankMentors(
    mentors.map((m) => ({
      id: m.id,
      name: m.name,
      // A mentor already promised this very learner keeps the place reserved for them.
      remainingCapacity: m.remainingCapacity + (card.columnKey === 'assigned' && card.newMentorId === m.id ? 1 : 0),
      projectIds: m.projectIds,
      acceptsRqth: m.acceptsRqth,
      volunteered: offered.has(m.id),
      active: m.active,
    })),
    { currentProjectId: learner.currentProjectId, learnerRqth: learner.rqth === true, currentMentorId: learner.mentorId },
  );
}

export async function eligibleMentors(ctx: AuthedContext, cardId: number) {
  return rankedMentors(ctx, await visibleTransfer(ctx, cardId));
}

/** "I can take over": any eligible mentor but the learner's own, while the card is in Proposals. */
export async function volunteer(ctx: AuthedContext, cardId: number, withdraw = false) {
  const { db } = ctx;
  const card = await db.write(async (t) => {
    const card = await visibleTransfer(ctx, cardId, t);
    enforce(canVolunteer(ctx.user, facts(card, 'transfer'), withdraw));
    const existing = await db.models.Volunteer.findOne({ where: { cardId, mentorId: ctx.user.id }, transaction: t });
    if (withdraw ? !existing : existing) return card;
    if (!withdraw) {
      // An offer the manager could not accept is refused now, with the reasons, not recorded.
      const me = (await rankedMentors(ctx, card, t)).find((row) => row.mentorId === ctx.user.id);
      if (me && !me.eligible) {
        throw ruleError('mentor_ineligible', `You cannot take over this learner: ${me.reasons.join('; ')}.`, { reasons: me.reasons, reasonCodes: me.reasonCodes });
      }
    }
    if (withdraw) await existing!.destroy({ transaction: t });
    else await db.models.Volunteer.create({ cardId, mentorId: ctx.user.id, createdAt: ctx.now() }, { transaction: t });
    card.version += 1;
    await card.save({ transaction: t });
    await record(ctx, t, { boardId: card.boardId, cardId, learnerId: card.learnerId, type: withdraw ? 'volunteer_withdrawn' : 'volunteered', data: { mentorId: ctx.user.id } });
    if (!withdraw) await notify(ctx, t, [card.mentorId], 'volunteered', cardId, { mentorId: ctx.user.id });
    return card;
  });
  return toDto(ctx, card);
}

/**
 * Assigns the new mentor inside `t`. The candidate's row is locked first, so two managers
 * giving away the last place of one mentor at once are serialised and one is refused.
 */
export async function assignMentorInTx(ctx: AuthedContext, t: Transaction, card: Card, mentorId: number, index?: number): Promise<RuleViolation | null> {
  enforce(moveVerdict(ctx.user, { ...facts(card, 'transfer'), newMentorId: mentorId }, 'assigned'));
  const mentor = await ctx.db.models.User.findByPk(mentorId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!mentor || mentor.role !== 'mentor') throw notFound('Mentor');
  const choice = (await rankedMentors(ctx, card, t, true)).find((r) => r.mentorId === mentorId)!;
  if (!choice.eligible) {
    throw ruleError('mentor_ineligible', `${choice.name} cannot take over this learner: ${choice.reasons.join('; ')}.`, { reasons: choice.reasons, reasonCodes: choice.reasonCodes });
  }
  return assignInTx(ctx, t, card, { field: 'newMentorId', id: mentorId, notification: 'mentor_assigned', details: { handoverDate: card.handoverDate } }, index);
}

export async function assignMentor(ctx: AuthedContext, cardId: number, mentorId: number) {
  let refusal: RuleViolation | null = null;
  const card = await ctx.db.write(async (t) => {
    const card = await visibleTransfer(ctx, cardId, t);
    if (ctx.user.role !== 'manager') throw forbidden('Only a manager assigns the new mentor.');
    refusal = await assignMentorInTx(ctx, t, card, mentorId);
    return card;
  });
  if (refusal) throw refusal;
  return toDto(ctx, card);
}

/** Done on the transfer board: the learner changes mentor, in the move's own transaction. */
/**
 * Rights on a card follow the learner's mentor: at the handover, the learner's open cards
 * (not done, not archived) pass from the former mentor to the new one, each change in
 * the card's history and on its board's live feed.
 */
async function passOpenCards(ctx: AuthedContext, t: Transaction, learnerId: number, from: number, to: number, transferCardId: number) {
  const cards = await ctx.db.models.Card.findAll({
    where: { learnerId, mentorId: from, archived: false, columnKey: { [Op.ne]: 'done' }, id: { [Op.ne]: transferCardId } },
    transaction: t,
    lock: t.LOCK.UPDATE,
  });
  for (const open of cards) {
    open.mentorId = to;
    open.version += 1;
    open.updatedAt = ctx.now();
    await open.save({ transaction: t, silent: true });
    await record(ctx, t, { boardId: open.boardId, cardId: open.id, learnerId, type: 'mentor_changed', data: { from, to, transferCardId } });
  }
}

export async function completeHandover(ctx: AuthedContext, t: Transaction, card: Card) {
  const learner = await ctx.db.models.Learner.findByPk(card.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!learner || !card.newMentorId) throw ruleError('mentor_required', 'Choose the new mentor before completing the handover.');
  const from = learner.mentorId;
  learner.mentorId = card.newMentorId;
  learner.updatedAt = ctx.now();
  await learner.save({ transaction: t });
  await record(ctx, t, {
    boardId: card.boardId,
    cardId: card.id,
    learnerId: learner.id,
    type: 'handover',
    data: { fromMentorId: from, toMentorId: card.newMentorId },
  });
  await record(ctx, t, { learnerId: learner.id, type: 'mentor_changed', data: { changes: { mentorId: { from, to: card.newMentorId } }, cardId: card.id } });
  await passOpenCards(ctx, t, learner.id, from, card.newMentorId, card.id);
  await notify(ctx, t, [from, card.newMentorId], 'handover_done', card.id, { learnerId: learner.id, fromMentorId: from, toMentorId: card.newMentorId });
}
