/** The Learners page's filters, and learner.list's input from them (defaults left out). Pure. */
import type { LearnerField } from '../../../shared/learnerFields';
import type { LearnerListInput } from '../../../shared/schemas/learner';

export interface LearnerFilters {
  search: string;
  pathId: number | null;
  projectId: number | null;
  mentorId: number | null;
  /** '' (any profile), 'any' (a mandatory field missing) or one field. */
  missing: '' | 'any' | LearnerField;
  status: 'active' | 'inactive' | 'all';
}

export const NO_LEARNER_FILTERS: LearnerFilters = { search: '', pathId: null, projectId: null, mentorId: null, missing: '', status: 'active' };

export function listInput(filters: LearnerFilters): NonNullable<LearnerListInput> {
  const search = filters.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(filters.pathId !== null ? { pathId: filters.pathId } : {}),
    ...(filters.projectId !== null ? { projectId: filters.projectId } : {}),
    ...(filters.mentorId !== null ? { mentorId: filters.mentorId } : {}),
    ...(filters.missing ? { missing: filters.missing } : {}),
    status: filters.status,
  };
}
