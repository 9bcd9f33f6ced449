/**
 * Mentors (/mentors, managers): capacity and load, evaluator status, RQTH, projects, and
 * an editor for each. Remaining capacity is computed by the server and never typed in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { Modal } from '../../components/Modal';
import { CloseIcon } from '../../components/icons';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import '../card/card.css';
import '../../components/dialogs.css';
import '../learner/people.css';

type Mentor = Outputs['mentor']['list'][number];

export function MentorsPage({ user }: { user: Me }) {
  const { t } = useTranslation('people');
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <h1>{t('mentors.title')}</h1>
        <p className="callout callout-info">{t('mentors.managersOnly')}</p>
      </div>
    );
  }
  return <MentorsTable />;
}

function MentorsTable() {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('people');
  const mentors = useQuery(trpc.mentor.list.queryOptions());
  const names = catalogIndex(useCatalog());
  const [editing, setEditing] = useState<number | null>(null);
  const list = mentors.data ?? [];
  const totals = list.reduce(
    (acc, m) => ({ capacity: acc.capacity + m.capacity, taken: acc.taken + m.activeLearners + m.reserved, evaluators: acc.evaluators + (m.isEvaluator ? 1 : 0) }),
    { capacity: 0, taken: 0, evaluators: 0 },
  );
  const current = list.find((m) => m.id === editing);

  return (
    <div className="page people-page people-wide">
      <header className="people-header">
        <div>
          <h1>{t('mentors.title')}</h1>
          {mentors.data && (
            <p className="people-sub">
              {t('mentors.summary', { count: list.length, taken: totals.taken, capacity: totals.capacity, evaluators: totals.evaluators })}
            </p>
          )}
        </div>
      </header>
      {mentors.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : mentors.isError ? (
        <p className="callout callout-error" role="alert">{serverErrorMessage(mentors.error, t, i18n.language)}</p>
      ) : (
        <div className="table-wrap">
          <table className="people-table">
            <caption className="sr-only">{t('mentors.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mentors.mentor')}</th>
                <th scope="col">{t('mentors.load')}</th>
                <th scope="col">{t('mentors.evaluator')}</th>
                <th scope="col">{t('mentors.rqth')}</th>
                <th scope="col">{t('mentors.projects')}</th>
                <th scope="col"><span className="sr-only">{t('mentors.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <span className="mentor-name">{m.name}</span>
                    <span className="mentor-email">{m.email}</span>
                  </th>
                  <td><CapacityBar mentor={m} /></td>
                  <td>{m.isEvaluator ? <span className="badge badge-info">{t('mentors.evaluatorYes')}</span> : <span className="muted">{t('mentors.no')}</span>}</td>
                  <td>{m.acceptsRqth ? <span className="badge badge-success">{t('mentors.rqthYes')}</span> : <span className="muted">{t('mentors.no')}</span>}</td>
                  <td>
                    {m.projectIds.length === 0 ? (
                      <span className="muted">{t('mentors.noProjects')}</span>
                    ) : (
                      <ul className="chip-list project-chips">
                        {m.projectIds.map((id) => {
                          const p = names.project(id);
                          return (
                            <li key={id} className="chip" title={p?.title}>
                              <span className="project-swatch" style={{ background: p?.color }} aria-hidden="true" />
                              {p?.code ?? `#${id}`}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                  <td className="cell-actions">
                    <button type="button" className="btn btn-sm" onClick={() => setEditing(m.id)} aria-label={t('mentors.editWho', { name: m.name })}>
                      {t('mentors.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && <MentorDialog mentor={current} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** Active learners and places promised by transfers, out of the total capacity. */
export function CapacityBar({ mentor }: { mentor: Mentor }) {
  const { t } = useTranslation('people');
  const cap = Math.max(mentor.capacity, mentor.activeLearners + mentor.reserved, 1);
  const full = mentor.remainingCapacity === 0;
  return (
    <div className={`capacity${full ? ' capacity-full' : ''}`}>
      <div className="capacity-bar" aria-hidden="true">
        <span className="capacity-active" style={{ width: `${(mentor.activeLearners / cap) * 100}%` }} />
        <span className="capacity-reserved" style={{ width: `${(mentor.reserved / cap) * 100}%` }} />
      </div>
      <span className="capacity-text">
        {t('mentors.loadText', { active: mentor.activeLearners, capacity: mentor.capacity })}
        {mentor.reserved > 0 && ` ${t('mentors.reservedText', { count: mentor.reserved })}`}
        {' · '}
        <span className={full ? 'capacity-none' : 'capacity-left'}>{t('mentors.remaining', { count: mentor.remainingCapacity })}</span>
      </span>
    </div>
  );
}

function MentorDialog({ mentor, onClose }: { mentor: Mentor; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('people');
  const toast = useUi((s) => s.toastShown);
  const catalog = useCatalog();
  const id = useId();
  const committed = mentor.activeLearners + mentor.reserved;
  const [capacity, setCapacity] = useState(String(mentor.capacity));
  const [isEvaluator, setIsEvaluator] = useState(mentor.isEvaluator);
  const [acceptsRqth, setAcceptsRqth] = useState(mentor.acceptsRqth);
  const [projectIds, setProjectIds] = useState<number[]>(mentor.projectIds);
  const [localError, setLocalError] = useState<string | null>(null);

  const update = useMutation(
    trpc.mentor.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
        void queryClient.invalidateQueries(trpc.catalog.get.pathFilter());
        toast('success', t('mentors.saved', { name: mentor.name }));
        onClose();
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    const value = Number(capacity);
    if (capacity.trim() === '' || !Number.isInteger(value) || value < 0 || value > 200) {
      setLocalError(t('mentors.capacityInvalid'));
      return;
    }
    update.mutate({ mentorId: mentor.id, capacity: value, isEvaluator, acceptsRqth, projectIds });
  };
  const toggle = (projectId: number) =>
    setProjectIds((ids) => (ids.includes(projectId) ? ids.filter((x) => x !== projectId) : [...ids, projectId]));
  const error = localError ?? (update.isError ? serverErrorMessage(update.error, t, i18n.language) : null);
  const below = capacity.trim() !== '' && Number(capacity) < committed;

  return (
    <Modal labelledBy={`${id}-title`} onClose={onClose} size="md">
      <form onSubmit={submit} noValidate className="dialog-form">
        <div className="modal-head">
          <div>
            <h2 id={`${id}-title`}>{t('mentors.editTitle', { name: mentor.name })}</h2>
            <p className="modal-sub">{mentor.email}</p>
          </div>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
        </div>
        <div className="modal-body">
          {error && <p className="callout callout-error" role="alert">{error}</p>}
          <div className="field">
            <label htmlFor={`${id}-capacity`}>{t('mentors.capacity')}</label>
            <input
              id={`${id}-capacity`}
              data-autofocus
              type="number"
              inputMode="numeric"
              min={committed}
              max={200}
              step={1}
              value={capacity}
              className="input-narrow"
              aria-invalid={below}
              aria-describedby={`${id}-capacity-hint`}
              onChange={(e) => setCapacity(e.target.value)}
            />
            <span className={`hint${below ? ' hint-danger' : ''}`} id={`${id}-capacity-hint`}>
              {t('mentors.capacityHint', { count: committed, active: mentor.activeLearners, reserved: mentor.reserved })}
            </span>
          </div>
          <div className="check-stack">
            <label className="checkbox">
              <input type="checkbox" checked={isEvaluator} onChange={(e) => setIsEvaluator(e.target.checked)} />
              <span>{t('mentors.isEvaluator')}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={acceptsRqth} onChange={(e) => setAcceptsRqth(e.target.checked)} />
              <span>{t('mentors.acceptsRqth')}</span>
            </label>
          </div>
          <fieldset className="project-picker">
            <legend>{t('mentors.projectsLegend')}</legend>
            {(catalog?.paths ?? []).map((path) => (
              <div key={path.id} className="project-group">
                <p className="project-group-name">{path.name}</p>
                {(catalog?.projects ?? []).filter((p) => p.pathId === path.id).map((p) => (
                  <label key={p.id} className="checkbox project-check">
                    <input type="checkbox" checked={projectIds.includes(p.id)} onChange={() => toggle(p.id)} />
                    <span className="project-swatch" style={{ background: p.color }} aria-hidden="true" />
                    <span><span className="strong">{p.code}</span> {p.title}</span>
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>{update.isPending ? t('common:actions.saving') : t('common:actions.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
