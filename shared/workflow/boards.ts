/** The two pipelines and their columns, in the order of SPEC.md. */
export const BOARD_KINDS = ['defense', 'transfer'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const COLUMN_KEYS = ['drafts', 'proposals', 'profile_to_update', 'assigned', 'done'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type Locale = 'en' | 'fr';

/** Column names as the school says them, per board and language. */
export const COLUMN_NAMES: Record<BoardKind, Record<ColumnKey, Record<Locale, string>>> = {
  defense: {
    drafts: { en: 'Drafts', fr: 'Brouillons' },
    proposals: { en: 'Proposals', fr: 'Propositions de soutenances' },
    profile_to_update: { en: 'Profile to update', fr: 'Profil à mettre à jour' },
    assigned: { en: 'Assigned', fr: 'Attribuées' },
    done: { en: 'Done', fr: 'Terminées' },
  },
  transfer: {
    drafts: { en: 'Drafts', fr: 'Brouillons' },
    proposals: { en: 'Proposals', fr: 'Propositions de transferts' },
    profile_to_update: { en: 'Profile to update', fr: 'Profil à mettre à jour' },
    assigned: { en: 'Assigned', fr: 'Attribués' },
    done: { en: 'Done', fr: 'Terminés' },
  },
};

export const BOARD_NAMES: Record<BoardKind, Record<Locale, string>> = {
  defense: { en: 'Defenses', fr: 'Soutenances' },
  transfer: { en: 'Transfers', fr: 'Transferts de mentorés' },
};

export function columnName(kind: BoardKind, key: ColumnKey, locale: Locale = 'en'): string {
  return COLUMN_NAMES[kind][key][locale];
}

export function isColumnKey(value: string): value is ColumnKey {
  return (COLUMN_KEYS as readonly string[]).includes(value);
}
