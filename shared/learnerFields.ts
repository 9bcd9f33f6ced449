/** The learner record's fields, and which of them a profile is missing. */
export const LEARNER_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'pathId',
  'currentProjectId',
  'mentorId',
  'funding',
  'professionalGoal',
  'availability',
  'timezone',
  'rqth',
  'notes',
] as const;
export type LearnerField = (typeof LEARNER_FIELDS)[number];

/** Every field but the notes, as SPEC.md sets it; managers may change the list. */
export const DEFAULT_MANDATORY_FIELDS: LearnerField[] = LEARNER_FIELDS.filter((f) => f !== 'notes');

export const FUNDING_KINDS = ['self', 'employer', 'employment_agency', 'apprenticeship', 'other'] as const;
export type Funding = (typeof FUNDING_KINDS)[number];

export type LearnerValues = Partial<Record<LearnerField, unknown>>;

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The mandatory fields the learner's profile does not hold, in the order of LEARNER_FIELDS. */
export function missingFields(learner: LearnerValues, mandatory: readonly string[]): LearnerField[] {
  return LEARNER_FIELDS.filter((field) => mandatory.includes(field) && isBlank(learner[field]));
}

export function isLearnerField(value: string): value is LearnerField {
  return (LEARNER_FIELDS as readonly string[]).includes(value);
}

/** Why a learner leaves the school (seed 004): excluded, abandoned, funding ended, course finished, or another reason told in a note. */
export const LEARNER_LEAVING_REASONS = ['exclusion', 'abandonment', 'end_of_funding', 'course_finished', 'other'] as const;
export type LeavingReason = (typeof LEARNER_LEAVING_REASONS)[number];
