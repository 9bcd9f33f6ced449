/** The board's filters and search, written to and read from the URL (see filters.ts). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardKind } from '../../../shared/workflow/boards';
import type { Catalog } from '../../trpc';
import { activeFilterCount, DUE_CHOICES, NO_FILTERS, type BoardFilters } from './filters';
import { ArchivedToggle } from '../archive';

interface Props {
  kind: BoardKind;
  filters: BoardFilters;
  catalog: Catalog | undefined;
  onChange: (filters: BoardFilters) => void;
}

function toId(value: string): number | null {
  return value ? Number(value) : null;
}

export function FilterBar({ kind, filters, catalog, onChange }: Props) {
  const { t } = useTranslation('board');
  const id = useId();
  const people = catalog?.people ?? [];
  const mentors = people.filter((p) => p.role === 'mentor');
  const assignees = kind === 'defense' ? people.filter((p) => p.isEvaluator) : mentors;
  const projects = (catalog?.projects ?? []).filter((p) => filters.path === null || p.pathId === filters.path);
  const set = (patch: Partial<BoardFilters>) => onChange({ ...filters, ...patch });
  const active = activeFilterCount(filters);

  return (
    <form className="board-filters" role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="board-filter-search">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('filters.search')}
        </label>
        <svg className="board-filter-search-icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
          <circle cx="7" cy="7" r="4.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="m10.5 10.5 3.2 3.2" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q}
          placeholder={t('filters.searchPlaceholder')}
          autoComplete="off"
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>

      <label className={`board-filter-toggle${filters.mine ? ' board-filter-on' : ''}`} title={t('filters.mineHint')}>
        <input type="checkbox" checked={filters.mine} onChange={(e) => set({ mine: e.target.checked })} />
        <span>{t('filters.mine')}</span>
      </label>

      <FilterSelect id={`${id}-mentor`} label={t('filters.mentor')} value={filters.mentor} onChange={(v) => set({ mentor: toId(v) })}>
        <option value="">{t('filters.anyone')}</option>
        {mentors.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </FilterSelect>

      <FilterSelect
        id={`${id}-assignee`}
        label={t(kind === 'defense' ? 'filters.evaluator' : 'filters.newMentor')}
        value={filters.assignee}
        onChange={(v) => set({ assignee: toId(v) })}
      >
        <option value="">{t('filters.anyone')}</option>
        {assignees.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </FilterSelect>

      <FilterSelect
        id={`${id}-path`}
        label={t('filters.path')}
        value={filters.path}
        onChange={(v) => {
          const path = toId(v);
          const project = catalog?.projects.find((p) => p.id === filters.project);
          // A project of another path would hide every card: drop it with the path change.
          set({ path, project: path !== null && project && project.pathId !== path ? null : filters.project });
        }}
      >
        <option value="">{t('filters.allPaths')}</option>
        {(catalog?.paths ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </FilterSelect>

      <FilterSelect id={`${id}-project`} label={t('filters.project')} value={filters.project} onChange={(v) => set({ project: toId(v) })}>
        <option value="">{t('filters.allProjects')}</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} · {p.title}
          </option>
        ))}
      </FilterSelect>

      <FilterSelect id={`${id}-due`} label={t('filters.due')} value={filters.due} onChange={(v) => set({ due: toId(v) })}>
        <option value="">{t('filters.anyTime')}</option>
        {[...new Set([...DUE_CHOICES, ...(filters.due ? [filters.due] : [])])]
          .sort((a, b) => a - b)
          .map((n) => (
            <option key={n} value={n}>
              {t('filters.within', { count: n })}
            </option>
          ))}
      </FilterSelect>

      <ArchivedToggle />

      {active > 0 && (
        <button type="button" className="btn btn-ghost board-filter-clear" onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </button>
      )}
    </form>
  );
}

function FilterSelect({ id, label, value, onChange, children }: { id: string; label: string; value: number | null; onChange: (value: string) => void; children: React.ReactNode }) {
  return (
    <div className={`board-filter-select${value !== null ? ' board-filter-on' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
