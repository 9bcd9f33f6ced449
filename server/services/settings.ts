import type { Transaction } from 'sequelize';
import type { Database } from '../db/sequelize';
import { record } from './activity';
import { audit } from './audit';
import type { AuthedContext } from './context';
import { DEFAULT_MANDATORY_FIELDS, isLearnerField, type LearnerField } from '../../shared/learnerFields';

const MANDATORY = 'mandatoryLearnerFields';

/** The learner fields a profile must hold before a card is assigned (SPEC: managers edit the list). */
export async function mandatoryFields(db: Database, transaction?: Transaction): Promise<LearnerField[]> {
  const row = await db.models.Setting.findByPk(MANDATORY, { transaction });
  const value = row?.value;
  return Array.isArray(value) ? value.filter((f): f is LearnerField => typeof f === 'string' && isLearnerField(f)) : [...DEFAULT_MANDATORY_FIELDS];
}

export async function setMandatoryFields(db: Database, t: Transaction, fields: LearnerField[]) {
  await db.models.Setting.upsert({ key: MANDATORY, value: fields }, { transaction: t });
}

/** A manager changes the mandatory fields: recorded in the activity log and the audit trail. */
export async function changeMandatoryFields(ctx: AuthedContext, wanted: LearnerField[]): Promise<LearnerField[]> {
  const fields = [...new Set(wanted)];
  await ctx.db.write(async (t) => {
    const before = await mandatoryFields(ctx.db, t);
    await setMandatoryFields(ctx.db, t, fields);
    const data = { mandatoryFields: { from: before, to: fields } };
    await record(ctx, t, { type: 'settings_changed', data });
    await audit(ctx.db, { type: 'settings_changed', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), data }, t);
  });
  return mandatoryFields(ctx.db);
}
