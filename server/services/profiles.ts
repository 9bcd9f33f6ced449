/**
 * The mandatory-fields policy and the cards that wait on it: a card's missing-field badge
 * always follows the learner's profile and the current list of mandatory fields. Both a
 * profile edit and a change of the list recheck the open cards that name missing fields.
 */
import { Op, type Transaction } from 'sequelize';
import type { Learner } from '../db/models';
import { record } from './activity';
import { audit } from './audit';
import type { AuthedContext } from './context';
import { mandatoryFields, setMandatoryFields } from './settings';
import { missingFields, type LearnerField } from '../../shared/learnerFields';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/**
 * Rechecks the open cards of `learners` that wait on a profile (in Profile to update, or
 * naming missing fields): each whose missing fields changed gets them, a new version and a
 * `profile_checked` event (so every open board updates its badge). `changedFields`, when
 * a profile edit caused it, is recorded as `profile_updated` instead.
 */
export async function recheckWaitingCards(ctx: AuthedContext, t: Transaction, learners: Learner[], changedFields?: string[]) {
  if (learners.length === 0) return;
  const mandatory = await mandatoryFields(ctx.db, t);
  const byId = new Map(learners.map((l) => [l.id, l]));
  const cards = await ctx.db.models.Card.findAll({
    where: { learnerId: [...byId.keys()], archived: false, columnKey: { [Op.ne]: 'done' } },
    transaction: t,
  });
  for (const card of cards) {
    const had = card.missingFields ?? [];
    if (card.columnKey !== 'profile_to_update' && had.length === 0) continue;
    const now = missingFields(byId.get(card.learnerId)!.get(), mandatory);
    if (same(had, now) && !changedFields) continue;
    card.set({ missingFields: now, version: card.version + 1 });
    await card.save({ transaction: t });
    await record(ctx, t, {
      boardId: card.boardId,
      cardId: card.id,
      learnerId: card.learnerId,
      type: changedFields ? 'profile_updated' : 'profile_checked',
      data: changedFields ? { fields: changedFields } : { missingFields: now },
    });
  }
}

/** A manager changes the mandatory fields: recorded in the activity log and the audit trail; waiting cards follow. */
export async function changeMandatoryFields(ctx: AuthedContext, wanted: LearnerField[]): Promise<LearnerField[]> {
  const fields = [...new Set(wanted)];
  await ctx.db.write(async (t) => {
    const before = await mandatoryFields(ctx.db, t);
    await setMandatoryFields(ctx.db, t, fields);
    const data = { mandatoryFields: { from: before, to: fields } };
    await record(ctx, t, { type: 'settings_changed', data });
    await audit(ctx.db, { type: 'settings_changed', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), data }, t);
    const waiting = await ctx.db.models.Card.findAll({ attributes: ['learnerId', 'missingFields', 'columnKey'], where: { archived: false, columnKey: { [Op.ne]: 'done' } }, transaction: t });
    const learnerIds = [...new Set(waiting.filter((c) => c.columnKey === 'profile_to_update' || (c.missingFields ?? []).length > 0).map((c) => c.learnerId))];
    if (learnerIds.length > 0) {
      await recheckWaitingCards(ctx, t, await ctx.db.models.Learner.findAll({ where: { id: learnerIds }, transaction: t }));
    }
  });
  return mandatoryFields(ctx.db);
}
