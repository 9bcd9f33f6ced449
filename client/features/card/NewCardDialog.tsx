/**
 * Filing a card: a defense (learner, project, description, date and hour) or a transfer
 * request (learner, handover date, reason, description). Dates under 14 days are refused
 * here as on the server (earliestDate), unless a manager overrides; the override and its
 * reason are recorded in the card's history.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { addDays } from '../../../shared/dates';
import { EARLY_DAYS, LEAD_TIME_DAYS, earliestDate, isManager as isManagerRole } from '../../../shared/workflow/rules';
import { BOARD_NAMES } from '../../../shared/workflow/boards';
import { Modal } from '../../components/Modal';
import { CloseIcon } from '../../components/icons';
import { useCatalog } from '../../lib/catalog';
import { useMe } from '../../lib/me';
import { formatDay, todayIso, useLocale } from '../../lib/format';
import { useUnsavedGuard } from './unsaved';
import '../../components/dialogs.css';

type Errors = Partial<Record<'learner' | 'date' | 'time' | 'overrideReason', string>>;

export function NewCardDialog({ boardId, learnerId, onClose }: { boardId: number; learnerId?: number; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { t, i18n } = useTranslation('card');
  const locale = useLocale();
  const me = useMe();
  const toast = useUi((s) => s.toastShown);
  const catalog = useCatalog();
  const boards = useQuery(trpc.board.list.queryOptions());
  const learners = useQuery(trpc.learner.list.queryOptions());
  const id = useId();
  const titleId = `${id}-title`;

  const kind = boards.data?.find((b) => b.id === boardId)?.kind ?? 'defense';
  const isDefense = kind === 'defense';
  const isManager = !!me && isManagerRole(me);
  const today = todayIso();
  const earliest = earliestDate(today);

  const [learner, setLearner] = useState<number | null>(learnerId ?? null);
  const [projectChoice, setProjectChoice] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('14:00');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  // Whatever was typed or chosen is not thrown away without asking (Escape, a click outside, Close, Cancel).
  const dirty =
    description.trim() !== '' || reason.trim() !== '' || overrideReason.trim() !== '' || day !== '' || time !== '14:00' || projectChoice !== null || learner !== (learnerId ?? null);
  const unsaved = useUnsavedGuard(onClose, dirty);

  const chosenLearner = learners.data?.find((l) => l.id === learner);
  // The project follows the learner's current one until someone picks another.
  const project = projectChoice ?? chosenLearner?.currentProjectId ?? null;
  const tooSoon = !!day && day < earliest;
  const early = isDefense && !!day && day > addDays(today, EARLY_DAYS);

  const create = useMutation(
    trpc.card.create.mutationOptions({
      onSuccess: (card) => {
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        toast('success', isDefense ? t('form.filedDefense') : t('form.filedTransfer'));
        onClose();
        navigate(`/boards/${card.boardId}/cards/${card.id}`);
      },
    }),
  );

  const validate = (): Errors => {
    const found: Errors = {};
    if (!learner) found.learner = t('form.errorLearner');
    if (!day) found.date = isDefense ? t('form.errorDefenseDate') : t('form.errorHandoverDate');
    else if (tooSoon && !(isManager && override)) found.date = t('form.errorTooSoon', { date: formatDay(earliest, locale) });
    if (isDefense && !time) found.time = t('form.errorTime');
    if (isManager && override && tooSoon && !overrideReason.trim()) found.overrideReason = t('form.errorOverrideReason');
    return found;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = document.getElementById(`${id}-${Object.keys(found)[0]}`);
      first?.focus();
      return;
    }
    create.mutate({
      boardId,
      learnerId: learner!,
      ...(project ? { projectId: project } : {}),
      description,
      ...(isDefense ? { defenseDate: new Date(`${day}T${time}`).toISOString() } : { handoverDate: day, reason: reason.trim() || undefined }),
      ...(isManager && override ? { override: true, overrideReason: overrideReason.trim() || undefined } : {}),
    });
  };

  const serverError = create.isError ? describeRefusal(create.error, t, i18n.language) : null;
  const dateHintId = `${id}-date-hint`;
  const describedBy = (field: keyof Errors, hint?: string) => [hint, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <Modal labelledBy={titleId} onClose={unsaved.close} size="md">
      <form onSubmit={submit} noValidate className="dialog-form">
        <div className="modal-head">
          <div>
            <h2 id={titleId}>{isDefense ? t('form.titleDefense') : t('form.titleTransfer')}</h2>
            <p className="modal-sub">{t('form.subtitle', { board: BOARD_NAMES[kind][locale] })}</p>
          </div>
          <button type="button" className="icon-btn" onClick={unsaved.close} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
        </div>
        <div className="modal-body">
          {serverError && <p className="callout callout-error" role="alert">{serverError}</p>}
          <div className="field">
            <label htmlFor={`${id}-learner`}>{t('form.learner')}</label>
            <select
              id={`${id}-learner`}
              data-autofocus={learnerId ? undefined : true}
              value={learner ?? ''}
              required
              aria-invalid={!!errors.learner}
              aria-describedby={describedBy('learner', chosenLearner && chosenLearner.missingFields.length > 0 ? `${id}-learner-gaps` : undefined)}
              onChange={(e) => {
                setLearner(e.target.value ? Number(e.target.value) : null);
                setProjectChoice(null);
              }}
            >
              <option value="">{learners.isPending ? t('common:state.loading') : t('form.chooseLearner')}</option>
              {learners.data?.map((l) => (
                <option key={l.id} value={l.id}>{l.lastName}, {l.firstName}</option>
              ))}
            </select>
            {errors.learner && <span className="error" id={`${id}-learner-error`}>{errors.learner}</span>}
            {chosenLearner && chosenLearner.missingFields.length > 0 && (
              <span className="hint hint-warning" id={`${id}-learner-gaps`}>
                {t('form.learnerGaps', { fields: chosenLearner.missingFields.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ') })}
              </span>
            )}
            {!isManager && <span className="hint">{t('form.ownLearners')}</span>}
          </div>

          <div className="field">
            <label htmlFor={`${id}-project`}>{t('form.project')}</label>
            <select id={`${id}-project`} value={project ?? ''} onChange={(e) => setProjectChoice(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('form.chooseProject')}</option>
              {(catalog?.paths ?? []).filter((path) => !chosenLearner || path.id === chosenLearner.pathId).map((path) => (
                <optgroup key={path.id} label={path.name}>
                  {(catalog?.projects ?? []).filter((p) => p.pathId === path.id && (!p.retired || p.id === chosenLearner?.currentProjectId)).map((p) => (
                    <option key={p.id} value={p.id}>{p.code} — {p.title}</option>
                  ))}
                </optgroup>
              ))}
            </select>
            {chosenLearner && project === chosenLearner.currentProjectId && <span className="hint">{t('form.projectDefault')}</span>}
          </div>

          <div className={isDefense ? 'field-row' : undefined}>
            <div className="field">
              <label htmlFor={`${id}-date`}>{isDefense ? t('form.defenseDate') : t('form.handoverDate')}</label>
              <input
                id={`${id}-date`}
                data-autofocus={learnerId ? true : undefined}
                type="date"
                value={day}
                min={isManager && override ? undefined : earliest}
                required
                aria-invalid={!!errors.date}
                aria-describedby={describedBy('date', dateHintId)}
                onChange={(e) => setDay(e.target.value)}
              />
            </div>
            {isDefense && (
              <div className="field field-time">
                <label htmlFor={`${id}-time`}>{t('form.defenseTime')}</label>
                <input id={`${id}-time`} type="time" value={time} step={900} required aria-invalid={!!errors.time} aria-describedby={describedBy('time')} onChange={(e) => setTime(e.target.value)} />
                {errors.time && <span className="error" id={`${id}-time-error`}>{errors.time}</span>}
              </div>
            )}
          </div>
          <p className="hint date-rule" id={dateHintId}>
            {isDefense
              ? t('form.leadTimeDefense', { days: LEAD_TIME_DAYS, date: formatDay(earliest, locale, 'full') })
              : t('form.leadTimeTransfer', { days: LEAD_TIME_DAYS, date: formatDay(earliest, locale, 'full') })}
            {isDefense && ` ${t('form.immovable')}`}
          </p>
          {errors.date && <p className="error field-error" id={`${id}-date-error`}>{errors.date}</p>}
          {early && <p className="callout callout-info">{t('form.early', { days: EARLY_DAYS })}</p>}

          {isManager && (
            <div className="override">
              <label className="checkbox">
                <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} aria-describedby={`${id}-override-hint`} />
                <span>{t('form.override', { days: LEAD_TIME_DAYS })}</span>
              </label>
              <span className="hint" id={`${id}-override-hint`}>{t('form.overrideHint')}</span>
              {override && (
                <div className="field">
                  <label htmlFor={`${id}-overrideReason`}>{t('form.overrideReason')}</label>
                  <input
                    id={`${id}-overrideReason`}
                    value={overrideReason}
                    maxLength={500}
                    aria-invalid={!!errors.overrideReason}
                    aria-describedby={describedBy('overrideReason')}
                    onChange={(e) => setOverrideReason(e.target.value)}
                  />
                  {errors.overrideReason && <span className="error" id={`${id}-overrideReason-error`}>{errors.overrideReason}</span>}
                </div>
              )}
            </div>
          )}

          {!isDefense && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('form.reason')}</label>
              <input id={`${id}-reason`} value={reason} maxLength={2000} placeholder={t('form.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}

          <div className="field">
            <label htmlFor={`${id}-description`}>{t('form.description')}</label>
            <textarea
              id={`${id}-description`}
              value={description}
              rows={6}
              maxLength={20000}
              placeholder={isDefense ? t('form.descriptionPlaceholderDefense') : t('form.descriptionPlaceholderTransfer')}
              aria-describedby={`${id}-md`}
              onChange={(e) => setDescription(e.target.value)}
            />
            <span className="hint" id={`${id}-md`}>{t('form.markdownHint')}</span>
          </div>
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={unsaved.close}>{t('common:actions.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('form.filing') : t('form.file')}
          </button>
        </div>
      </form>
      {unsaved.confirm}
    </Modal>
  );
}

/** A refusal as a sentence; schema errors name the fields instead of dumping the schema's report. */
function describeRefusal(error: unknown, t: ReturnType<typeof useTranslation>['t'], language: string): string {
  if (error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST') {
    const issues = (error.data as { zodError?: { issues?: { path: string; message: string }[] } }).zodError?.issues;
    if (issues?.length) return t('form.badInput', { details: issues.map((i) => `${i.path}: ${i.message}`).join('; ') });
  }
  return serverErrorMessage(error, t, language);
}
