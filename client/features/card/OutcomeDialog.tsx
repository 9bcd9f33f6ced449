/**
 * The evaluator (or a manager) records a defense's outcome. Failed: a retake with the same
 * evaluator at least 7 days ahead. Passed: the mentor may prepare a transfer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC, type CardDetail } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { addDays, toDay } from '../../../shared/dates';
import { cardFacts } from '../../../shared/workflow/drop';
import { RETAKE_MIN_DAYS, canPrepareTransfer, retakeVerdict } from '../../../shared/workflow/rules';
import { Modal } from '../../components/Modal';
import { CheckIcon, CloseIcon } from '../../components/icons';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { learnerLabel } from '../../lib/boardData';
import { useBoardLearners } from './useBoardLearners';
import { useMe } from '../../lib/me';
import { formatDay, formatInstant, todayIso, useLocale } from '../../lib/format';
import '../../components/dialogs.css';

/** "14:00" in the viewer's time zone, the hour a retake most likely keeps. */
function localTime(iso: string | null): string {
  if (!iso) return '14:00';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function OutcomeDialog({ cardId, onClose }: { cardId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useTranslation('card');
  const titleId = useId();
  const card = useQuery(trpc.card.get.queryOptions({ cardId }));
  return (
    <Modal labelledBy={titleId} onClose={onClose} size="sm">
      {card.data ? (
        <OutcomeForm card={card.data} titleId={titleId} onClose={onClose} />
      ) : (
        <>
          <div className="modal-head">
            <h2 id={titleId}>{t('outcome.title')}</h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
          </div>
          <div className="modal-body">
            {card.isError ? <p className="callout callout-error" role="alert">{card.error.message}</p> : <p className="empty" role="status">{t('common:state.loading')}</p>}
          </div>
        </>
      )}
    </Modal>
  );
}

function OutcomeForm({ card, titleId, onClose }: { card: CardDetail; titleId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const locale = useLocale();
  const me = useMe();
  const toast = useUi((s) => s.toastShown);
  const openDialog = useUi((s) => s.dialogOpened);
  const [, navigate] = useLocation();
  const boards = useQuery(trpc.board.list.queryOptions());
  const names = catalogIndex(useCatalog());
  const learners = useBoardLearners(card.boardId);
  const learnerName = learnerLabel(learners.find((l) => l.id === card.learnerId), card.learnerId);
  const id = useId();
  const today = todayIso();
  const earliestRetake = addDays(today, RETAKE_MIN_DAYS);
  const [outcome, setOutcome] = useState<'passed' | 'failed' | null>(null);
  const [retake, setRetake] = useState(`${earliestRetake}T${localTime(card.defenseDate)}`);
  const [localError, setLocalError] = useState<string | null>(null);
  const [passed, setPassed] = useState(false);
  // An outcome before the defense has taken place is most likely a slip: say so, and ask to confirm.
  const notYetHeld = !!card.defenseDate && Date.now() < new Date(card.defenseDate).getTime();
  const [earlyConfirmed, setEarlyConfirmed] = useState(false);

  const record = useMutation(
    trpc.card.recordOutcome.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.card.get.pathFilter());
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        void queryClient.invalidateQueries(trpc.notification.list.pathFilter());
        if (result.retakeCard?.defenseDate) {
          toast('success', t('outcome.retakeFiled', { learner: learnerName, date: formatInstant(result.retakeCard.defenseDate, locale, 'medium') }));
          onClose();
        } else {
          toast('success', t('outcome.passedToast', { learner: learnerName }));
          setPassed(true);
        }
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!outcome) {
      setLocalError(t('outcome.choose'));
      return;
    }
    if (notYetHeld && !earlyConfirmed) {
      setLocalError(t('outcome.notYetHeldConfirm'));
      document.getElementById(`${id}-early`)?.focus();
      return;
    }
    if (outcome === 'failed') {
      const at = retake ? new Date(retake) : null;
      if (!at || Number.isNaN(at.getTime())) {
        setLocalError(t('outcome.retakeRequired'));
        return;
      }
      const verdict = retakeVerdict(toDay(at), today);
      if (!verdict.ok) {
        setLocalError(t('outcome.retakeTooSoon', { date: formatDay(earliestRetake, locale) }));
        return;
      }
      record.mutate({ cardId: card.id, outcome, retakeDate: at.toISOString() });
    } else {
      record.mutate({ cardId: card.id, outcome });
    }
  };

  const transferBoard = boards.data?.find((b) => b.kind === 'transfer');
  // Asked of the defense as it now is: passed (the card in hand may predate the outcome just recorded).
  const mayFileTransfer = !!me && canPrepareTransfer(me, { ...cardFacts(card, card.kind), outcome: 'passed' });

  if (passed) {
    return (
      <>
        <div className="modal-head">
          <h2 id={titleId}>{t('outcome.passedTitle', { learner: learnerName })}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
        </div>
        <div className="modal-body">
          <p className="outcome-success"><CheckIcon /> {t('outcome.passedBody')}</p>
          <p>{mayFileTransfer ? t('outcome.nextQuestion', { learner: learnerName }) : t('outcome.nextQuestionOther', { mentor: names.personName(card.mentorId) ?? '' })}</p>
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} data-autofocus>{t('outcome.continues')}</button>
          {mayFileTransfer && transferBoard && card.openTransferCardId ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                onClose();
                navigate(`/boards/${transferBoard.id}/cards/${card.openTransferCardId}`);
              }}
            >
              {t('actions.openTransfer')}
            </button>
          ) : mayFileTransfer && transferBoard ? (
            <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'newCard', boardId: transferBoard.id, learnerId: card.learnerId })}>
              {t('actions.prepareTransfer')}
            </button>
          ) : null}
        </div>
      </>
    );
  }

  const error = localError ?? (record.isError ? serverErrorMessage(record.error, t, i18n.language) : null);
  return (
    <form onSubmit={submit} noValidate className="dialog-form">
      <div className="modal-head">
        <div>
          <h2 id={titleId}>{t('outcome.title')}</h2>
          <p className="modal-sub">
            {learnerName}
            {card.defenseDate ? ` · ${formatInstant(card.defenseDate, locale, 'medium')}` : ''}
            {card.evaluatorId ? ` · ${names.personName(card.evaluatorId)}` : ''}
          </p>
        </div>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
      </div>
      <div className="modal-body">
        {error && <p className="callout callout-error" role="alert">{error}</p>}
        {notYetHeld && card.defenseDate && (
          <div className="callout callout-warning">
            <p>{t('outcome.notYetHeld', { date: formatInstant(card.defenseDate, locale, 'medium') })}</p>
            <label className="checkbox">
              <input id={`${id}-early`} type="checkbox" checked={earlyConfirmed} onChange={(e) => setEarlyConfirmed(e.target.checked)} />
              <span>{t('outcome.notYetHeldAnyway')}</span>
            </label>
          </div>
        )}
        <fieldset className="choice-group">
          <legend>{t('outcome.legend')}</legend>
          <div className="choice-row">
            {(['passed', 'failed'] as const).map((value) => (
              <label key={value} className={`choice choice-${value}${outcome === value ? ' selected' : ''}`}>
                <input type="radio" name={`${id}-outcome`} value={value} checked={outcome === value} onChange={() => setOutcome(value)} data-autofocus={value === 'passed' ? true : undefined} />
                <span>{t(`outcome.${value}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {outcome === 'failed' && (
          <div className="field">
            <label htmlFor={`${id}-retake`}>{t('outcome.retakeLabel')}</label>
            <input
              id={`${id}-retake`}
              type="datetime-local"
              value={retake}
              min={`${earliestRetake}T00:00`}
              required
              aria-describedby={`${id}-retake-hint`}
              onChange={(e) => setRetake(e.target.value)}
            />
            <span className="hint" id={`${id}-retake-hint`}>
              {t('outcome.retakeHint', { evaluator: names.personName(card.evaluatorId) ?? '', date: formatDay(earliestRetake, locale) })}
            </span>
          </div>
        )}
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={record.isPending || !outcome}>
          {record.isPending ? t('common:actions.saving') : outcome === 'failed' ? t('outcome.submitFailed') : t('outcome.submit')}
        </button>
      </div>
    </form>
  );
}
