/** A learner leaves the school (learner.deactivate: one of the school's reasons, a date, a note) or comes back (learner.reactivate). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { useUi } from '../../stores/ui';
import { Modal } from '../../components/Modal';
import { serverErrorMessage } from '../../components/serverError';
import { todayIso } from '../../lib/format';
import { LEARNER_LEAVING_REASONS, type LeavingReason } from '../../../shared/learnerFields';
import type { LearnerRow } from './LearnersPage';

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries(trpc.learner.pathFilter());
    void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
    void queryClient.invalidateQueries(trpc.board.get.pathFilter());
  };
}

export function DeactivateDialog({ learner, onClose }: { learner: LearnerRow; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefresh();
  const titleId = useId();
  const id = useId();
  const name = `${learner.firstName} ${learner.lastName}`;
  const today = todayIso();
  const [reason, setReason] = useState<LeavingReason | ''>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const deactivate = useMutation(
    trpc.learner.deactivate.mutationOptions({
      onSuccess: () => {
        refresh();
        toast('success', t('learners.deactivated', { name }));
        onClose();
      },
    }),
  );
  const noteMissing = reason === 'other' && note.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reason || !date || noteMissing) return;
    deactivate.mutate({ learnerId: learner.id, reason, date, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <Modal labelledBy={titleId} describedBy={`${id}-intro`} onClose={() => !deactivate.isPending && onClose()} size="sm">
      <form onSubmit={submit} noValidate>
        <div className="modal-head">
          <h2 id={titleId}>{t('deactivate.title', { name })}</h2>
        </div>
        <div className="modal-body">
          <p className="hint" id={`${id}-intro`}>{t('deactivate.intro')}</p>
          {deactivate.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(deactivate.error, t, i18n.language)}</p>}
          <fieldset className="leave-reasons" aria-invalid={tried && !reason ? true : undefined} aria-describedby={tried && !reason ? `${id}-reason-error` : undefined}>
            <legend>{t('deactivate.reason')}</legend>
            {LEARNER_LEAVING_REASONS.map((r) => (
              <label key={r} className="checkbox">
                <input type="radio" name={`${id}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} />
                <span>{t(`reasons.${r}`)}</span>
              </label>
            ))}
          </fieldset>
          {tried && !reason && <p className="field-error" id={`${id}-reason-error`}>{t('create.required')}</p>}
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('deactivate.date')}</label>
            <input id={`${id}-date`} type="date" required max={today} value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={tried && !date ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('deactivate.note')}</label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={tried && noteMissing ? true : undefined}
              aria-describedby={tried && noteMissing ? `${id}-note-error` : undefined}
            />
          </div>
          {tried && noteMissing && <p className="field-error" id={`${id}-note-error`}>{t('deactivate.noteRequired')}</p>}
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} disabled={deactivate.isPending}>{t('common:actions.cancel')}</button>
          <button type="submit" className="btn btn-danger" disabled={deactivate.isPending}>
            {deactivate.isPending ? t('deactivate.submitting') : t('deactivate.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ReactivateDialog({ learner, onClose }: { learner: LearnerRow; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefresh();
  const titleId = useId();
  const id = useId();
  const name = `${learner.firstName} ${learner.lastName}`;
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const reactivate = useMutation(
    trpc.learner.reactivate.mutationOptions({
      onSuccess: () => {
        refresh();
        toast('success', t('learners.reactivated', { name }));
        onClose();
      },
    }),
  );
  const refused = reactivate.isError;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (override && !overrideReason.trim()) return;
    reactivate.mutate({ learnerId: learner.id, ...(override ? { override: true, overrideReason: overrideReason.trim() } : {}) });
  };
  return (
    <Modal labelledBy={titleId} describedBy={`${id}-intro`} onClose={() => !reactivate.isPending && onClose()} size="sm">
      <form onSubmit={submit} noValidate>
        <div className="modal-head">
          <h2 id={titleId}>{t('reactivate.title', { name })}</h2>
        </div>
        <div className="modal-body">
          <p className="hint" id={`${id}-intro`}>{t('reactivate.intro')}</p>
          {refused && <p className="callout callout-error" role="alert">{serverErrorMessage(reactivate.error, t, i18n.language)}</p>}
          {(refused || override) && (
            <div className="override">
              <label className="checkbox">
                <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
                <span>{t('create.override')}</span>
              </label>
              {override && (
                <div className="field">
                  <label htmlFor={`${id}-why`}>{t('create.overrideReason')}</label>
                  <textarea id={`${id}-why`} rows={2} maxLength={500} required value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
                </div>
              )}
            </div>
          )}
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} disabled={reactivate.isPending}>{t('common:actions.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={reactivate.isPending}>
            {reactivate.isPending ? t('reactivate.submitting') : t('reactivate.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
