/**
 * Editing a card's description (and its project, and a transfer's reason), as a pure state
 * machine: reading → editing → saved, or → a conflict when someone else saved first, from
 * which the user takes their version or re-applies theirs. Only the fields changed since
 * the form started (`base`) are sent, so re-applying after a conflict keeps the other
 * person's other changes.
 */

/** What the form edits. */
export interface DescriptionValues {
  description: string;
  projectId: number | null;
  reason: string;
}

/** The card as the server has it now, from a CONFLICT's data.current. */
export interface ConflictingCard {
  description: string;
  version: number;
  reason: string | null;
  projectId: number | null;
}

export interface DescriptionEdit {
  editing: boolean;
  draft: DescriptionValues;
  /** What the form started from, and the version it was read at. */
  base: DescriptionValues & { version: number };
  /** Someone else's save that came first, while it is unresolved. */
  conflict: ConflictingCard | null;
}

/** The card fields the editor reads. */
export interface EditableCard {
  version: number;
  description: string | null;
  projectId: number | null;
  reason: string | null;
}

export type DescriptionAction =
  | { type: 'started'; card: EditableCard }
  | { type: 'changed'; values: Partial<DescriptionValues> }
  | { type: 'conflicted'; current: { description?: string | null; version: number; reason?: string | null; projectId?: number | null } }
  | { type: 'theirsTaken' }
  /** Saved, cancelled, or submitted with nothing changed. */
  | { type: 'closed' };

function valuesOf(card: Pick<EditableCard, 'description' | 'projectId' | 'reason'>): DescriptionValues {
  return { description: card.description ?? '', projectId: card.projectId, reason: card.reason ?? '' };
}

export function initialDescriptionEdit(card: EditableCard): DescriptionEdit {
  const values = valuesOf(card);
  return { editing: false, draft: values, base: { version: card.version, ...values }, conflict: null };
}

export function descriptionEdit(state: DescriptionEdit, action: DescriptionAction): DescriptionEdit {
  switch (action.type) {
    case 'started': {
      const values = valuesOf(action.card);
      return { editing: true, draft: values, base: { version: action.card.version, ...values }, conflict: null };
    }
    case 'changed':
      return { ...state, draft: { ...state.draft, ...action.values } };
    case 'conflicted': {
      const { current } = action;
      return {
        ...state,
        conflict: { description: current.description ?? '', version: current.version, reason: current.reason ?? null, projectId: current.projectId ?? null },
      };
    }
    case 'theirsTaken': {
      if (!state.conflict) return state;
      const theirs = valuesOf(state.conflict);
      return { ...state, draft: theirs, base: { version: state.conflict.version, ...theirs }, conflict: null };
    }
    case 'closed':
      return { ...state, editing: false, conflict: null };
  }
}

/** What a save sends: the version it answers (the conflict's, once seen) and the changed fields; null when nothing changed. */
export function descriptionSave(
  state: DescriptionEdit,
  isTransfer: boolean,
): null | { version: number; changes: { description?: string; projectId?: number; reason?: string } } {
  const { draft, base, conflict } = state;
  if (draft.description === base.description && draft.projectId === base.projectId && draft.reason === base.reason) return null;
  return {
    version: conflict ? conflict.version : base.version,
    changes: {
      ...(draft.description !== base.description ? { description: draft.description } : {}),
      ...(draft.projectId && draft.projectId !== base.projectId ? { projectId: draft.projectId } : {}),
      ...(isTransfer && draft.reason !== base.reason ? { reason: draft.reason } : {}),
    },
  };
}
