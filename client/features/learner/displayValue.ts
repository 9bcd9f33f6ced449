import type { TFunction } from 'i18next';
import type { CatalogNames } from '../../lib/catalog';

/** A field's value as a person reads it, "—" when empty. */
export function displayValue(field: string, value: unknown, t: TFunction, names: CatalogNames): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'pathId':
      return names.path(value as number)?.name ?? `#${String(value)}`;
    case 'currentProjectId': {
      const p = names.project(value as number);
      return p ? `${p.code} — ${p.title}` : `#${String(value)}`;
    }
    case 'mentorId':
      return names.personName(value as number) ?? '—';
    case 'funding':
      return t(`people:funding.${String(value)}`, { defaultValue: String(value) });
    case 'rqth':
      return value === true ? t('people:learner.yes') : t('people:learner.no');
    default:
      return String(value);
  }
}
