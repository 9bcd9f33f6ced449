import { z } from 'zod';
import { FUNDING_KINDS, LEARNER_FIELDS, LEARNER_LEAVING_REASONS } from '../learnerFields';
import { emailAddress, id, isoDay, text } from './common';
import { isTimeZone } from '../dates';

export const learnerIdInput = z.object({ learnerId: id });

const timezone = text(64).refine((tz) => tz === '' || isTimeZone(tz), 'Choose a time zone by its IANA name, such as Europe/Paris or America/Martinique.');

/** The profile's own fields, each of which may be cleared (null): the mandatory-field rule decides when that matters. */
const profileFields = {
  funding: z.enum(FUNDING_KINDS).nullable().optional(),
  professionalGoal: text(2_000).nullable().optional(),
  availability: text(2_000).nullable().optional(),
  timezone: timezone.nullable().optional(),
  rqth: z.boolean().nullable().optional(),
  notes: text(5_000).nullable().optional(),
};

/** Every field may be cleared (null) except the identity ones; the mandatory-field rule decides when that matters. */
export const learnerUpdateInput = z.object({
  learnerId: id,
  firstName: text(100).min(1).optional(),
  lastName: text(100).min(1).optional(),
  email: emailAddress.optional(),
  pathId: id.nullable().optional(),
  currentProjectId: id.nullable().optional(),
  ...profileFields,
});

/** A manager lifts the mentor's eligibility rules (capacity, projects, RQTH) with `override`, saying why: the reason is recorded. */
const overrideFields = {
  override: z.boolean().optional(),
  overrideReason: text(500).optional(),
};
const overrideNeedsReason = (input: { override?: boolean; overrideReason?: string }) => !input.override || (input.overrideReason ?? '') !== '';
const overrideReasonMessage = { message: 'Say why this mentor is chosen anyway: the reason is recorded.', path: ['overrideReason'] };

/** learner.create: a new learner on a path, at a project, with a mentor checked as for a transfer. */
export const learnerCreateInput = z
  .object({
    firstName: text(100).min(1),
    lastName: text(100).min(1),
    email: emailAddress.optional(),
    pathId: id,
    currentProjectId: id,
    mentorId: id,
    ...profileFields,
    ...overrideFields,
  })
  .refine(overrideNeedsReason, overrideReasonMessage);

/** learner.deactivate: the learner left on `date`, for `reason` (`note` says more, as for `other`). */
export const learnerDeactivateInput = z.object({
  learnerId: id,
  reason: z.enum(LEARNER_LEAVING_REASONS),
  date: isoDay,
  note: text(2_000).optional(),
});

/** learner.reactivate: back with their mentor, or with `mentorId`, checked as at creation. */
export const learnerReactivateInput = z
  .object({
    learnerId: id,
    mentorId: id.optional(),
    ...overrideFields,
  })
  .refine(overrideNeedsReason, overrideReasonMessage);

export const LEARNER_STATUSES = ['active', 'inactive', 'all'] as const;

/**
 * learner.list's filters (none: the active learners this user may see, as pickers want
 * them). `missing` is `any` (profiles lacking a mandatory field) or one field's key.
 */
export const learnerListInput = z
  .object({
    search: text(200).optional(),
    pathId: id.optional(),
    projectId: id.optional(),
    mentorId: id.optional(),
    missing: z.union([z.literal('any'), z.enum(LEARNER_FIELDS)]).optional(),
    status: z.enum(LEARNER_STATUSES).optional(),
  })
  .optional();
export type LearnerListInput = z.infer<typeof learnerListInput>;

export const mandatoryFieldsInput = z.object({ fields: z.array(z.enum(LEARNER_FIELDS)).max(LEARNER_FIELDS.length) });
