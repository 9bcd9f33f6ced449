/**
 * The learner's edit form, field by field, in order: which control each field is and how
 * it is bounded. LearnerFieldInput renders any of them; the mentor is shown read-only, as
 * it changes only through a transfer.
 */
import type { TFunction } from 'i18next';
import { FUNDING_KINDS } from '../../../shared/learnerFields';
import type { Catalog } from '../../trpc';
import type { LearnerDraft } from './learnerDraft';

/** What a field's choices and suggestions depend on. */
export interface FieldContext {
  catalog: Catalog | null;
  draft: LearnerDraft;
  t: TFunction;
  zones: readonly string[];
}

export type FieldControl =
  | {
      kind: 'input';
      type?: 'email';
      required?: boolean;
      maxLength?: number;
      placeholder?: (t: TFunction) => string;
      /** Offered values, in a datalist named `<form id>-<id>`. */
      suggestions?: { id: string; values: (context: FieldContext) => readonly string[] };
    }
  | { kind: 'textarea'; rows: number; maxLength: number; placeholder?: (t: TFunction) => string }
  | {
      kind: 'select';
      /** The choice for "no value", by its string in the people namespace. */
      empty: 'learner.notSet' | 'learner.unknown';
      options: (context: FieldContext) => { value: string; label: string }[];
      /** A hint under the control, by its string in the people namespace; the control is described by it. */
      hint?: string;
    };

export type FormField =
  | { field: keyof LearnerDraft; /** The control's id, after the form's. */ id: string; /** Across both columns. */ wide?: boolean; control: FieldControl }
  | { field: 'mentorId'; readOnly: true };

export const LEARNER_FORM: readonly FormField[] = [
  { field: 'firstName', id: 'firstName', control: { kind: 'input', required: true, maxLength: 100 } },
  { field: 'lastName', id: 'lastName', control: { kind: 'input', required: true, maxLength: 100 } },
  { field: 'email', id: 'email', wide: true, control: { kind: 'input', type: 'email', required: true } },
  {
    field: 'pathId',
    id: 'path',
    control: { kind: 'select', empty: 'learner.notSet', options: ({ catalog }) => (catalog?.paths ?? []).map((p) => ({ value: String(p.id), label: `${p.name} (${p.code})` })) },
  },
  {
    field: 'currentProjectId',
    id: 'project',
    control: {
      kind: 'select',
      empty: 'learner.notSet',
      // The projects of the chosen path, or all of them while none is chosen.
      options: ({ catalog, draft }) =>
        (catalog?.projects ?? []).filter((p) => !draft.pathId || p.pathId === Number(draft.pathId)).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.title}` })),
    },
  },
  { field: 'funding', id: 'funding', control: { kind: 'select', empty: 'learner.notSet', options: ({ t }) => FUNDING_KINDS.map((f) => ({ value: f, label: t(`funding.${f}`) })) } },
  {
    field: 'rqth',
    id: 'rqth',
    control: {
      kind: 'select',
      empty: 'learner.unknown',
      options: ({ t }) => [
        { value: 'yes', label: t('learner.yes') },
        { value: 'no', label: t('learner.no') },
      ],
      hint: 'learner.rqthHint',
    },
  },
  {
    field: 'timezone',
    id: 'tz',
    // A choice among the IANA zones (the server refuses others); a value saved before that rule stays shown until changed.
    control: {
      kind: 'select',
      empty: 'learner.notSet',
      options: ({ zones, draft }) =>
        [...(draft.timezone && !zones.includes(draft.timezone) ? [draft.timezone] : []), ...zones].map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') })),
    },
  },
  { field: 'mentorId', readOnly: true },
  { field: 'professionalGoal', id: 'goal', wide: true, control: { kind: 'textarea', rows: 2, maxLength: 2000 } },
  { field: 'availability', id: 'availability', wide: true, control: { kind: 'textarea', rows: 2, maxLength: 2000, placeholder: (t) => t('learner.availabilityPlaceholder') } },
  { field: 'notes', id: 'notes', wide: true, control: { kind: 'textarea', rows: 3, maxLength: 5000 } },
];
