/**
 * Learners (/learners): a mentor sees their own, a manager every learner of the school.
 * Searchable (names, email) and filtered by path, current project, mentor (managers),
 * missing fields and status, each row with its missing-field count. Managers add a
 * learner, deactivate one (a reason of the school's, a date, a note) and reactivate one.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatDay, useLocale } from '../../lib/format';
import { LEARNER_FIELDS } from '../../../shared/learnerFields';
import { LEARNER_STATUSES } from '../../../shared/schemas/learner';
import { listInput, NO_LEARNER_FILTERS, type LearnerFilters } from './learnerFilters';
import { NewLearnerDialog } from './NewLearnerDialog';
import { DeactivateDialog, ReactivateDialog } from './LeaveDialogs';
import '../../components/dialogs.css';
import '../card/card.css';
import '../learner/people.css';
import './learners.css';

export type LearnerRow = Outputs['learner']['list'][number];

export function LearnersPage({ user }: { user: Me }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const locale = useLocale();
  const id = useId();
  const catalog = useCatalog();
  const names = catalogIndex(catalog);
  const isManager = user.role === 'manager';
  const [filters, setFilters] = useState<LearnerFilters>(NO_LEARNER_FILTERS);
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'deactivate' | 'reactivate'; learner: LearnerRow } | null>(null);
  const deferred = useDeferredValue(filters);
  const list = useQuery(trpc.learner.list.queryOptions(listInput(deferred), { placeholderData: keepPreviousData }));
  const set = (patch: Partial<LearnerFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const projects = (catalog?.projects ?? []).filter((p) => filters.pathId === null || p.pathId === filters.pathId);
  const mentors = (catalog?.people ?? []).filter((p) => p.role === 'mentor');
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_LEARNER_FILTERS);
  const rows = list.data ?? [];

  return (
    <div className="page people-page people-wide learners-page">
      <header className="people-header">
        <div>
          <h1>{t('learners.title')}</h1>
          <p className="people-sub">{isManager ? t('learners.subtitleManager') : t('learners.subtitleMentor')}</p>
        </div>
        {isManager && (
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
            {t('learners.newLearner')}
          </button>
        )}
      </header>

      <form className="learners-filters" role="search" aria-label={t('learners.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="field learners-search">
          <label htmlFor={`${id}-q`}>{t('learners.search')}</label>
          <input id={`${id}-q`} type="search" autoComplete="off" placeholder={t('learners.searchPlaceholder')} value={filters.search} onChange={(e) => set({ search: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-path`}>{t('learners.path')}</label>
          <select
            id={`${id}-path`}
            value={filters.pathId ?? ''}
            onChange={(e) => {
              const pathId = e.target.value ? Number(e.target.value) : null;
              const project = catalog?.projects.find((p) => p.id === filters.projectId);
              set({ pathId, projectId: pathId !== null && project && project.pathId !== pathId ? null : filters.projectId });
            }}
          >
            <option value="">{t('learners.allPaths')}</option>
            {(catalog?.paths ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-project`}>{t('learners.project')}</label>
          <select id={`${id}-project`} value={filters.projectId ?? ''} onChange={(e) => set({ projectId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t('learners.allProjects')}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>{p.code} · {p.title}</option>
            ))}
          </select>
        </div>
        {isManager && (
          <div className="field">
            <label htmlFor={`${id}-mentor`}>{t('learners.mentor')}</label>
            <select id={`${id}-mentor`} value={filters.mentorId ?? ''} onChange={(e) => set({ mentorId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">{t('learners.anyMentor')}</option>
              {mentors.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-missing`}>{t('learners.missing')}</label>
          <select id={`${id}-missing`} value={filters.missing} onChange={(e) => set({ missing: e.target.value as LearnerFilters['missing'] })}>
            <option value="">{t('learners.anyProfile')}</option>
            <option value="any">{t('learners.missingAny')}</option>
            {LEARNER_FIELDS.map((f) => (
              <option key={f} value={f}>{t('learners.missingField', { field: t(`common:fields.${f}`, { defaultValue: f }) })}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('learners.status')}</label>
          <select id={`${id}-status`} value={filters.status} onChange={(e) => set({ status: e.target.value as LearnerFilters['status'] })}>
            {LEARNER_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`learners.status_${s}`)}</option>
            ))}
          </select>
        </div>
        {filtered && (
          <button type="button" className="btn btn-ghost learners-clear" onClick={() => setFilters(NO_LEARNER_FILTERS)}>
            {t('learners.clear')}
          </button>
        )}
      </form>

      {list.isError ? (
        <p className="callout callout-error" role="alert">{serverErrorMessage(list.error, t, i18n.language)}</p>
      ) : (
        <>
          <p className="hint learners-count" role="status">
            {list.isPending ? t('common:state.loading') : t('learners.count', { count: rows.length })}
          </p>
          {list.isPending ? null : rows.length === 0 ? (
            <p className="empty">{t('learners.empty')}</p>
          ) : (
            <ul className="learners-list" aria-label={t('learners.title')}>
              {rows.map((l) => {
                const name = `${l.firstName} ${l.lastName}`;
                const project = names.project(l.currentProjectId);
                const path = names.path(l.pathId);
                return (
                  <li key={l.id} className={`learner-row${l.active ? '' : ' learner-row-inactive'}`}>
                    <div className="learner-row-main">
                      <Link to={`/learners/${l.id}`} className="learner-row-name">{name}</Link>
                      {l.email && <span className="learner-row-email">{l.email}</span>}
                      {!l.active && (
                        <span className="badge">
                          {t('learners.inactiveBadge', { date: l.deactivatedAt ? formatDay(l.deactivatedAt, locale, 'medium') : '—' })}
                          {l.deactivationReason ? ` · ${t(`reasons.${l.deactivationReason}`, { defaultValue: l.deactivationReason })}` : ''}
                        </span>
                      )}
                    </div>
                    <div className="learner-row-cell">
                      <span className="learner-row-label">{t('learners.colPath')}</span>
                      <span>{[path?.code, project?.code].filter(Boolean).join(' · ') || '—'}</span>
                    </div>
                    <div className="learner-row-cell">
                      <span className="learner-row-label">{t('learners.colMentor')}</span>
                      <span>{names.personName(l.mentorId) ?? '—'}</span>
                    </div>
                    <div className="learner-row-cell">
                      <span className="learner-row-label">{t('learners.colMissing')}</span>
                      <span
                        className={`badge ${l.missingCount > 0 ? 'badge-warning' : 'badge-success'}`}
                        title={l.missingFields.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ') || undefined}
                      >
                        {t('learners.missingCount', { count: l.missingCount })}
                      </span>
                    </div>
                    {isManager && (
                      <div className="learner-row-actions">
                        {l.active ? (
                          <button type="button" className="btn btn-sm" aria-label={t('learners.deactivateName', { name })} onClick={() => setDialog({ kind: 'deactivate', learner: l })}>
                            {t('learners.deactivate')}
                          </button>
                        ) : (
                          <button type="button" className="btn btn-sm" aria-label={t('learners.reactivateName', { name })} onClick={() => setDialog({ kind: 'reactivate', learner: l })}>
                            {t('learners.reactivate')}
                          </button>
                        )}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}

      {dialog?.kind === 'new' && <NewLearnerDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'deactivate' && <DeactivateDialog learner={dialog.learner} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reactivate' && <ReactivateDialog learner={dialog.learner} onClose={() => setDialog(null)} />}
    </div>
  );
}
