/**
 * The learner's edit form as data: the draft (every field as the form holds it, a string),
 * read from the learner, changed a field at a time, and the patch it makes: only what
 * changed, null for a field that was cleared. Pure, so the form and the tests agree.
 */
import type { Funding } from '../../../shared/learnerFields';
import type { learnerUpdateInput } from '../../../shared/schemas/learner';
import type { z } from 'zod';
import type { Outputs } from '../../trpc';

export type Learner = Outputs['learner']['get'];

export interface LearnerDraft {
  firstName: string;
  lastName: string;
  email: string;
  pathId: string;
  currentProjectId: string;
  funding: string;
  professionalGoal: string;
  availability: string;
  timezone: string;
  rqth: '' | 'yes' | 'no';
  notes: string;
}

/** What learner.update takes besides the learner's id. */
export type LearnerPatch = Omit<z.input<typeof learnerUpdateInput>, 'learnerId'>;

export function toDraft(l: Learner): LearnerDraft {
  return {
    firstName: l.firstName,
    lastName: l.lastName,
    email: l.email ?? '',
    pathId: l.pathId ? String(l.pathId) : '',
    currentProjectId: l.currentProjectId ? String(l.currentProjectId) : '',
    funding: l.funding ?? '',
    professionalGoal: l.professionalGoal ?? '',
    availability: l.availability ?? '',
    timezone: l.timezone ?? '',
    rqth: l.rqth === true ? 'yes' : l.rqth === false ? 'no' : '',
    notes: l.notes ?? '',
  };
}

/** The draft with one field changed; a new path drops a current project that is not on it. */
export function withDraftValue<K extends keyof LearnerDraft>(
  draft: LearnerDraft,
  key: K,
  value: LearnerDraft[K],
  catalog: { projects: readonly { id: number; pathId: number }[] } | null,
): LearnerDraft {
  if (key !== 'pathId') return { ...draft, [key]: value };
  const project = catalog?.projects.find((p) => String(p.id) === draft.currentProjectId);
  return { ...draft, pathId: value, currentProjectId: project && String(project.pathId) !== value ? '' : draft.currentProjectId };
}

const FREE_TEXT = ['professionalGoal', 'availability', 'timezone', 'notes'] as const;

/**
 * What saving `draft` changes in `learner`: only the fields that differ, trimmed; a cleared
 * field is null. Names and email cannot be cleared (the schema refuses it): a blank one is
 * left as it was. Empty when nothing changed.
 */
export function learnerPatch(learner: Learner, draft: LearnerDraft): LearnerPatch {
  const initial = toDraft(learner);
  const changes: LearnerPatch = {};
  for (const key of ['firstName', 'lastName', 'email'] as const) {
    if (draft[key].trim() && draft[key].trim() !== initial[key]) changes[key] = draft[key].trim();
  }
  if (draft.pathId !== initial.pathId) changes.pathId = draft.pathId ? Number(draft.pathId) : null;
  if (draft.currentProjectId !== initial.currentProjectId) changes.currentProjectId = draft.currentProjectId ? Number(draft.currentProjectId) : null;
  if (draft.funding !== initial.funding) changes.funding = (draft.funding || null) as Funding | null;
  if (draft.rqth !== initial.rqth) changes.rqth = draft.rqth === '' ? null : draft.rqth === 'yes';
  for (const key of FREE_TEXT) {
    if (draft[key].trim() !== initial[key].trim()) changes[key] = draft[key].trim() === '' ? null : draft[key].trim();
  }
  return changes;
}
