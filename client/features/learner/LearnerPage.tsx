/**
 * A learner's profile (/learners/:learnerId): every field of the record, the mandatory ones
 * marked and the missing ones highlighted, an edit form for their mentor or a manager,
 * and the history of changes. The mentor is read-only: it changes only by a transfer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type { TFunction } from 'i18next';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { FUNDING_KINDS, LEARNER_FIELDS, type LearnerField } from '../../../shared/learnerFields';
import { canEditLearner } from '../../../shared/workflow/rules';
import { catalogIndex, useCatalog, type CatalogNames } from '../../lib/catalog';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';
import { AlertIcon, CheckIcon, EditIcon } from '../../components/icons';
import '../card/card.css';
import './people.css';

type Learner = Outputs['learner']['get'];

export function LearnerPage({ user }: { user: Me }) {
  const { learnerId } = useParams();
  const id = Number(learnerId);
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('people');
  const learner = useQuery({ ...trpc.learner.get.queryOptions({ learnerId: id }), enabled: Number.isInteger(id) && id > 0 });

  if (!Number.isInteger(id) || id <= 0) return <p className="page">{t('common:state.notFound')}</p>;
  if (learner.isPending) return <p className="empty" role="status">{t('common:state.loading')}</p>;
  if (learner.isError) {
    return (
      <div className="page">
        <p className="callout callout-error" role="alert">{serverErrorMessage(learner.error, t, i18n.language)}</p>
        <p><Link to="/">{t('common:state.backToBoards')}</Link></p>
      </div>
    );
  }
  return <LearnerProfile learner={learner.data} user={user} />;
}

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

function LearnerProfile({ learner, user }: { learner: Learner; user: Me }) {
  const { t } = useTranslation('people');
  const names = catalogIndex(useCatalog());
  const [editing, setEditing] = useState(false);
  const canEdit = canEditLearner(user, learner).ok;
  const missing = new Set<string>(learner.missingFields);
  const mandatory = new Set<string>(learner.mandatoryFields);
  const fullName = `${learner.firstName} ${learner.lastName}`;

  return (
    <div className="page people-page">
      <header className="people-header">
        <div>
          <p className="people-kicker">{t('learner.kicker')}</p>
          <h1>{fullName}</h1>
          <p className="people-sub">
            {learner.email && (
              <>
                <a href={`mailto:${learner.email}`}>{learner.email}</a>
                <span aria-hidden="true"> · </span>
              </>
            )}
            {t('learner.mentoredBy', { name: names.personName(learner.mentorId) ?? '—' })}
          </p>
        </div>
        <div className="people-header-side">
          {learner.missingFields.length === 0 ? (
            <span className="status-pill status-ok"><CheckIcon size={14} /> {t('learner.complete')}</span>
          ) : (
            <span className="status-pill status-warn"><AlertIcon size={14} /> {t('learner.missingCount', { count: learner.missingFields.length })}</span>
          )}
          {canEdit && !editing && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              <EditIcon size={14} /> {t('learner.edit')}
            </button>
          )}
        </div>
      </header>

      {learner.missingFields.length > 0 && (
        <div className="callout callout-warning people-callout" role="note">
          <p className="strong">{t('learner.missingTitle')}</p>
          <p>
            {t('learner.missingBody', {
              fields: learner.missingFields.map((f) => t(`common:fields.${f}`)).join(', '),
            })}
          </p>
        </div>
      )}

      <div className="people-grid">
        <section className="panel" aria-labelledby="learner-profile-title">
          <div className="panel-head">
            <h2 id="learner-profile-title">{t('learner.profile')}</h2>
            <span className="hint"><span className="mandatory-mark" aria-hidden="true">*</span> {t('learner.mandatoryLegend')}</span>
          </div>
          {editing ? (
            <LearnerForm learner={learner} mandatory={mandatory} onDone={() => setEditing(false)} />
          ) : (
            <dl className="profile-list">
              {LEARNER_FIELDS.map((field) => (
                <ProfileRow key={field} field={field} mandatory={mandatory.has(field)} missing={missing.has(field)}>
                  {field === 'mentorId' ? (
                    <>
                      {displayValue(field, learner.mentorId, t, names)}
                      <span className="hint profile-note">{t('learner.mentorReadOnly')}</span>
                    </>
                  ) : field === 'notes' || field === 'professionalGoal' || field === 'availability' ? (
                    <span className="preserve">{displayValue(field, learner[field], t, names)}</span>
                  ) : (
                    displayValue(field, learner[field], t, names)
                  )}
                </ProfileRow>
              ))}
            </dl>
          )}
        </section>
        <LearnerHistory learner={learner} names={names} />
      </div>
    </div>
  );
}

function ProfileRow({ field, mandatory, missing, children }: { field: LearnerField; mandatory: boolean; missing: boolean; children: ReactNode }) {
  const { t } = useTranslation('people');
  return (
    <div className={`profile-row${missing ? ' is-missing' : ''}`}>
      <dt>
        {t(`learner.labels.${field}`)}
        {mandatory && (
          <>
            <span className="mandatory-mark" aria-hidden="true">*</span>
            <span className="sr-only"> ({t('learner.mandatory')})</span>
          </>
        )}
      </dt>
      <dd>{missing ? <span className="missing-value"><AlertIcon size={13} /> {t('learner.missing')}</span> : children}</dd>
    </div>
  );
}

type Draft = {
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
};

function toDraft(l: Learner): Draft {
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

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** The edit form: sends only what changed, and null for a field that was cleared. */
function LearnerForm({ learner, mandatory, onDone }: { learner: Learner; mandatory: Set<string>; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('people');
  const toast = useUi((s) => s.toastShown);
  const catalog = useCatalog();
  const id = useId();
  const initial = useMemo(() => toDraft(learner), [learner]);
  const [draft, setDraft] = useState<Draft>(initial);
  const zones = useMemo(timeZones, []);
  const update = useMutation(
    trpc.learner.update.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.learner.get.queryKey({ learnerId: learner.id }), fresh);
        void queryClient.invalidateQueries(trpc.learner.list.pathFilter());
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        void queryClient.invalidateQueries(trpc.card.get.pathFilter());
        toast('success', fresh.missingFields.length === 0 ? t('learner.savedComplete') : t('learner.saved'));
        onDone();
      },
    }),
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const projects = (catalog?.projects ?? []).filter((p) => !draft.pathId || p.pathId === Number(draft.pathId));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    const text = (key: 'professionalGoal' | 'availability' | 'timezone' | 'notes') => {
      if (draft[key].trim() !== initial[key].trim()) changes[key] = draft[key].trim() === '' ? null : draft[key].trim();
    };
    // Names and email cannot be cleared (the schema refuses it): a blank one is left as it was.
    for (const key of ['firstName', 'lastName', 'email'] as const) if (draft[key].trim() && draft[key].trim() !== initial[key]) changes[key] = draft[key].trim();
    if (draft.pathId !== initial.pathId) changes.pathId = draft.pathId ? Number(draft.pathId) : null;
    if (draft.currentProjectId !== initial.currentProjectId) changes.currentProjectId = draft.currentProjectId ? Number(draft.currentProjectId) : null;
    if (draft.funding !== initial.funding) changes.funding = draft.funding || null;
    if (draft.rqth !== initial.rqth) changes.rqth = draft.rqth === '' ? null : draft.rqth === 'yes';
    text('professionalGoal');
    text('availability');
    text('timezone');
    text('notes');
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate({ learnerId: learner.id, ...changes } as Parameters<typeof update.mutate>[0]);
  };

  const label = (field: LearnerField) => (
    <>
      {t(`learner.labels.${field}`)}
      {mandatory.has(field) && (
        <>
          <span className="mandatory-mark" aria-hidden="true">*</span>
          <span className="sr-only"> ({t('learner.mandatory')})</span>
        </>
      )}
    </>
  );
  const missingNow = (field: LearnerField, value: string) => mandatory.has(field) && value.trim() === '';

  return (
    <form onSubmit={submit} className="learner-form" aria-label={t('learner.editForm')}>
      {update.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(update.error, t, i18n.language)}</p>}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-firstName`}>{label('firstName')}</label>
          <input id={`${id}-firstName`} value={draft.firstName} required maxLength={100} autoComplete="off" onChange={(e) => set('firstName', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lastName`}>{label('lastName')}</label>
          <input id={`${id}-lastName`} value={draft.lastName} required maxLength={100} autoComplete="off" onChange={(e) => set('lastName', e.target.value)} />
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-email`}>{label('email')}</label>
          <input id={`${id}-email`} type="email" value={draft.email} required autoComplete="off" onChange={(e) => set('email', e.target.value)} />
        </div>
        <div className={`field${missingNow('pathId', draft.pathId) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-path`}>{label('pathId')}</label>
          <select
            id={`${id}-path`}
            value={draft.pathId}
            onChange={(e) => {
              const pathId = e.target.value;
              const project = catalog?.projects.find((p) => String(p.id) === draft.currentProjectId);
              setDraft((d) => ({ ...d, pathId, currentProjectId: project && String(project.pathId) !== pathId ? '' : d.currentProjectId }));
            }}
          >
            <option value="">{t('learner.notSet')}</option>
            {(catalog?.paths ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.name} ({p.code})</option>
            ))}
          </select>
        </div>
        <div className={`field${missingNow('currentProjectId', draft.currentProjectId) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-project`}>{label('currentProjectId')}</label>
          <select id={`${id}-project`} value={draft.currentProjectId} onChange={(e) => set('currentProjectId', e.target.value)}>
            <option value="">{t('learner.notSet')}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>{p.code} — {p.title}</option>
            ))}
          </select>
        </div>
        <div className={`field${missingNow('funding', draft.funding) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-funding`}>{label('funding')}</label>
          <select id={`${id}-funding`} value={draft.funding} onChange={(e) => set('funding', e.target.value)}>
            <option value="">{t('learner.notSet')}</option>
            {FUNDING_KINDS.map((f) => (
              <option key={f} value={f}>{t(`funding.${f}`)}</option>
            ))}
          </select>
        </div>
        <div className={`field${missingNow('rqth', draft.rqth) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-rqth`}>{label('rqth')}</label>
          <select id={`${id}-rqth`} value={draft.rqth} aria-describedby={`${id}-rqth-hint`} onChange={(e) => set('rqth', e.target.value as Draft['rqth'])}>
            <option value="">{t('learner.unknown')}</option>
            <option value="yes">{t('learner.yes')}</option>
            <option value="no">{t('learner.no')}</option>
          </select>
          <span className="hint" id={`${id}-rqth-hint`}>{t('learner.rqthHint')}</span>
        </div>
        <div className={`field${missingNow('timezone', draft.timezone) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-tz`}>{label('timezone')}</label>
          <input id={`${id}-tz`} value={draft.timezone} list={`${id}-zones`} maxLength={64} placeholder="Europe/Paris" autoComplete="off" onChange={(e) => set('timezone', e.target.value)} />
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <span className="label">{t('learner.labels.mentorId')}</span>
          <p className="readonly-value">
            {catalogIndex(catalog).personName(learner.mentorId)}
            <span className="hint profile-note">{t('learner.mentorReadOnly')}</span>
          </p>
        </div>
        <div className={`field span-2${missingNow('professionalGoal', draft.professionalGoal) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-goal`}>{label('professionalGoal')}</label>
          <textarea id={`${id}-goal`} rows={2} value={draft.professionalGoal} maxLength={2000} onChange={(e) => set('professionalGoal', e.target.value)} />
        </div>
        <div className={`field span-2${missingNow('availability', draft.availability) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-availability`}>{label('availability')}</label>
          <textarea id={`${id}-availability`} rows={2} value={draft.availability} maxLength={2000} placeholder={t('learner.availabilityPlaceholder')} onChange={(e) => set('availability', e.target.value)} />
        </div>
        <div className={`field span-2${missingNow('notes', draft.notes) ? ' field-missing' : ''}`}>
          <label htmlFor={`${id}-notes`}>{label('notes')}</label>
          <textarea id={`${id}-notes`} rows={3} value={draft.notes} maxLength={5000} onChange={(e) => set('notes', e.target.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>{t('common:actions.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>{update.isPending ? t('common:actions.saving') : t('common:actions.save')}</button>
      </div>
    </form>
  );
}

function LearnerHistory({ learner, names }: { learner: Learner; names: CatalogNames }) {
  const { t } = useTranslation('people');
  const locale = useLocale();
  const events = [...learner.history].reverse();
  return (
    <section className="panel" aria-labelledby="learner-history-title">
      <div className="panel-head">
        <h2 id="learner-history-title">{t('learner.history')}</h2>
      </div>
      {events.length === 0 ? (
        <p className="muted">{t('learner.noHistory')}</p>
      ) : (
        <ol className="timeline learner-timeline">
          {events.map((event) => {
            const data = (event.data ?? {}) as { changes?: Record<string, { from: unknown; to: unknown }> };
            const changes = Object.entries(data.changes ?? {});
            const actor = names.personName(event.actorId) ?? t('card:history.system');
            return (
              <li key={event.id} className="timeline-item">
                <span className="timeline-dot" aria-hidden="true" />
                <span className="timeline-text">
                  {event.type === 'mentor_changed' ? t('learner.handover', { actor }) : t('learner.updatedBy', { actor })}
                </span>
                <span className="timeline-time">
                  {' · '}
                  <time dateTime={event.at} title={formatInstant(event.at, locale, 'medium')}>{relativeTime(event.at, locale)}</time>
                </span>
                {changes.length > 0 && (
                  <ul className="change-list">
                    {changes.map(([field, change]) => (
                      <li key={field}>
                        <span className="change-field">{t(`learner.labels.${field}`, { defaultValue: field })}</span>{' '}
                        <span className="change-from">{displayValue(field, change.from, t, names)}</span>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> {t('learner.to')} </span>
                        <span className="change-to">{displayValue(field, change.to, t, names)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
