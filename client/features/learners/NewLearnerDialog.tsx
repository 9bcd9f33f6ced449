/**
 * A new learner (learner.create, managers): names, email, path, current project (the
 * path's, retired ones hidden), mentor. The mentor is weighed as for a transfer, by the
 * shared rule (capacity left, qualified for the project, RQTH accepted): the reasons a
 * mentor cannot be chosen show at once, and the server's refusal too; a manager may choose
 * them anyway with a reason, recorded as an override.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { useUi } from '../../stores/ui';
import { Modal } from '../../components/Modal';
import { errorData, serverErrorMessage } from '../../components/serverError';
import { useCatalog } from '../../lib/catalog';
import { mentorReasons } from '../../../shared/workflow/eligibility';

export function NewLearnerDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const titleId = useId();
  const id = useId();
  const catalog = useCatalog();
  const mentors = useQuery(trpc.mentor.list.queryOptions());
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [pathId, setPathId] = useState<number | null>(null);
  const [projectId, setProjectId] = useState<number | null>(null);
  const [mentorId, setMentorId] = useState<number | null>(null);
  const [rqth, setRqth] = useState(false);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [tried, setTried] = useState(false);

  const create = useMutation(
    trpc.learner.create.mutationOptions({
      onSuccess: (learner) => {
        void queryClient.invalidateQueries(trpc.learner.pathFilter());
        void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
        toast('success', t('learners.created', { name: `${learner.firstName} ${learner.lastName}` }));
        onClose();
      },
    }),
  );

  const projects = (catalog?.projects ?? []).filter((p) => p.pathId === pathId && !p.retired).sort((a, b) => a.position - b.position);
  const mentor = mentors.data?.find((m) => m.id === mentorId);
  const reasons = mentor ? mentorReasons({ ...mentor, volunteered: false }, { currentProjectId: projectId, learnerRqth: rqth, currentMentorId: 0 }) : [];
  const lasting = reasons.includes('deactivated');
  const refusedByServer = create.isError && errorData(create.error).rule === 'mentor_ineligible';
  const mayOverride = (reasons.length > 0 || refusedByServer) && !lasting;
  const missing = {
    firstName: firstName.trim() === '',
    lastName: lastName.trim() === '',
    pathId: pathId === null,
    projectId: projectId === null,
    mentorId: mentorId === null,
    overrideReason: override && overrideReason.trim() === '',
  };
  const invalid = Object.values(missing).some(Boolean) || (reasons.length > 0 && !override);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (invalid || pathId === null || projectId === null || mentorId === null) return;
    create.mutate({
      firstName: firstName.trim(),
      lastName: lastName.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      pathId,
      currentProjectId: projectId,
      mentorId,
      rqth,
      ...(override ? { override: true, overrideReason: overrideReason.trim() } : {}),
    });
  };
  const err = (key: keyof typeof missing) => tried && missing[key];
  const errorId = (key: string) => `${id}-${key}-error`;
  const fieldError = (key: keyof typeof missing, text = t('create.required')) =>
    err(key) ? (
      <p className="field-error" id={errorId(key)}>
        {text}
      </p>
    ) : null;
  const aria = (key: keyof typeof missing) => (err(key) ? { 'aria-invalid': true as const, 'aria-describedby': errorId(key) } : {});

  return (
    <Modal labelledBy={titleId} onClose={() => !create.isPending && onClose()} size="md">
      <form onSubmit={submit} noValidate>
        <div className="modal-head">
          <h2 id={titleId}>{t('create.title')}</h2>
        </div>
        <div className="modal-body">
          {create.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(create.error, t, i18n.language)}</p>}
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-first`}>{t('create.firstName')}</label>
              <input id={`${id}-first`} required maxLength={100} autoComplete="off" value={firstName} onChange={(e) => setFirstName(e.target.value)} {...aria('firstName')} />
              {fieldError('firstName')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-last`}>{t('create.lastName')}</label>
              <input id={`${id}-last`} required maxLength={100} autoComplete="off" value={lastName} onChange={(e) => setLastName(e.target.value)} {...aria('lastName')} />
              {fieldError('lastName')}
            </div>
            <div className="field span-2">
              <label htmlFor={`${id}-email`}>{t('create.email')}</label>
              <input id={`${id}-email`} type="email" maxLength={254} autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-path`}>{t('create.path')}</label>
              <select
                id={`${id}-path`}
                required
                value={pathId ?? ''}
                onChange={(e) => {
                  setPathId(e.target.value ? Number(e.target.value) : null);
                  setProjectId(null);
                }}
                {...aria('pathId')}
              >
                <option value="">{t('create.choosePath')}</option>
                {(catalog?.paths ?? []).map((p) => (
                  <option key={p.id} value={p.id}>{p.code} · {p.name}</option>
                ))}
              </select>
              {fieldError('pathId')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-project`}>{t('create.project')}</label>
              <select id={`${id}-project`} required disabled={pathId === null} value={projectId ?? ''} onChange={(e) => setProjectId(e.target.value ? Number(e.target.value) : null)} {...aria('projectId')}>
                <option value="">{pathId === null ? t('create.projectNeedsPath') : t('create.chooseProject')}</option>
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>{p.code} · {p.title}</option>
                ))}
              </select>
              {fieldError('projectId')}
            </div>
            <div className="span-2 learner-check">
              <label className="checkbox">
                <input type="checkbox" checked={rqth} onChange={(e) => setRqth(e.target.checked)} />
                <span>{t('create.rqth')}</span>
              </label>
            </div>
            <div className="field span-2">
              <label htmlFor={`${id}-mentor`}>{t('create.mentor')}</label>
              <select
                id={`${id}-mentor`}
                required
                value={mentorId ?? ''}
                onChange={(e) => {
                  setMentorId(e.target.value ? Number(e.target.value) : null);
                  setOverride(false);
                  create.reset();
                }}
                aria-describedby={reasons.length > 0 ? `${id}-reasons` : err('mentorId') ? errorId('mentorId') : undefined}
                aria-invalid={err('mentorId') ? true : undefined}
              >
                <option value="">{t('create.chooseMentor')}</option>
                {(mentors.data ?? []).map((m) => (
                  <option key={m.id} value={m.id}>{t('create.mentorRemaining', { name: m.name, count: Math.max(0, m.remainingCapacity) })}</option>
                ))}
              </select>
              {fieldError('mentorId')}
              {reasons.length > 0 && mentor && (
                <div className="callout callout-warning learner-reasons" id={`${id}-reasons`}>
                  <p>{t('create.refused')}</p>
                  <ul>
                    {reasons.map((r) => (
                      <li key={r}>{mentor.name} {t(`common:reasons.${r}`, { defaultValue: r })}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
            {mayOverride && (
              <div className="span-2 override learner-check">
                <label className="checkbox">
                  <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
                  <span>{t('create.override')}</span>
                </label>
                {override && (
                  <div className="field">
                    <label htmlFor={`${id}-why`}>{t('create.overrideReason')}</label>
                    <textarea id={`${id}-why`} rows={2} maxLength={500} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} {...aria('overrideReason')} />
                    {fieldError('overrideReason', t('create.overrideReasonRequired'))}
                  </div>
                )}
              </div>
            )}
          </div>
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} disabled={create.isPending}>{t('common:actions.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('create.submitting') : t('create.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
