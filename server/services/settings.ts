import type { Transaction } from 'sequelize';
import type { Database } from '../db/sequelize';
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
