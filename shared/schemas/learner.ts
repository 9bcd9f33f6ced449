import { z } from 'zod';
import { FUNDING_KINDS, LEARNER_FIELDS } from '../learnerFields';
import { emailAddress, id, text } from './common';
import { isTimeZone } from '../dates';

export const learnerIdInput = z.object({ learnerId: id });

/** Every field may be cleared (null) except the identity ones; the mandatory-field rule decides when that matters. */
export const learnerUpdateInput = z.object({
  learnerId: id,
  firstName: text(100).min(1).optional(),
  lastName: text(100).min(1).optional(),
  email: emailAddress.optional(),
  pathId: id.nullable().optional(),
  currentProjectId: id.nullable().optional(),
  funding: z.enum(FUNDING_KINDS).nullable().optional(),
  professionalGoal: text(2_000).nullable().optional(),
  availability: text(2_000).nullable().optional(),
  timezone: text(64)
    .refine((tz) => tz === '' || isTimeZone(tz), 'Choose a time zone by its IANA name, such as Europe/Paris or America/Martinique.')
    .nullable()
    .optional(),
  rqth: z.boolean().nullable().optional(),
  notes: text(5_000).nullable().optional(),
});

export const mandatoryFieldsInput = z.object({ fields: z.array(z.enum(LEARNER_FIELDS)).max(LEARNER_FIELDS.length) });
