/**
 * A card's way off the board and back, in its drawer: "Withdraw…" (an open card, with a
 * reason) and "Archive…" (a done card, managers) while it is on the board; once it is off
 * (card.get's `archive`), who took it off, when and why, and "Restore" when the rules allow
 * it. The buttons are offered by the same shared rules the server enforces; a refusal
 * the server makes (the evaluator busy, the learner gone…) is shown with the rule's message.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type CardDetail, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { Modal } from '../../components/Modal';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatInstant, useLocale } from '../../lib/format';
import { cardFacts } from '../../../shared/workflow/drop';
import { canArchive, canRestore, canWithdraw } from '../../../shared/workflow/rules';
import { reasonLabel } from './reasonLabel';
import './archive.css';

type Mode = 'withdraw' | 'archive';

/** What this viewer may do to take the card off the board or bring it back, by the shared rules. */
export function lifecycleOffers(card: Pick<CardDetail, 'kind' | 'archive'> & Parameters<typeof cardFacts>[0], me: Me) {
  const facts = cardFacts(card, card.kind);
  if (card.archive) return { withdraw: false, archive: false, restore: canRestore(me, facts, card.archive.kind === 'archived' ? 'archived' : 'withdrawn').ok };
  return { withdraw: canWithdraw(me, facts).ok, archive: canArchive(me, facts).ok, restore: false };
}

export function CardLifecycle({ card, me, learnerName }: { card: CardDetail; me: Me; learnerName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const locale = useLocale();
  const names = catalogIndex(useCatalog());
  const [mode, setMode] = useState<Mode | null>(null);
  const offers = lifecycleOffers(card, me);

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
    void queryClient.invalidateQueries(trpc.board.get.pathFilter());
    void queryClient.invalidateQueries(trpc.learner.pathFilter());
  };
  const restore = useMutation(
    trpc.card.restore.mutationOptions({
      onSuccess: () => {
        toast('success', t('card.restoredToast'));
        refresh();
      },
    }),
  );

  if (card.archive) {
    const archive = card.archive;
    const kind = t(`card.offBoard_${archive.kind}`);
    return (
      <section className="card-offboard callout callout-info" aria-label={kind}>
        <p className="card-offboard-title">
          {t('card.offBoardBy', {
            kind,
            name: names.personName(archive.byId) ?? t('card.someone'),
            when: archive.at ? formatInstant(archive.at, locale, 'medium') : '—',
          })}
        </p>
        <p className="card-offboard-reason">{archive.reason ? t('card.offBoardReason', { reason: reasonLabel(archive.reason, t) }) : t('card.noReason')}</p>
        <p className="hint">{t('card.readOnly')}</p>
        {restore.isError && (
          <p className="callout callout-error" role="alert">
            {t('card.restoreRefused', { message: serverErrorMessage(restore.error, t, i18n.language) })}
          </p>
        )}
        {offers.restore && (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={restore.isPending} onClick={() => restore.mutate({ cardId: card.id })}>
              {restore.isPending ? t('card.restoring') : t('card.restore')}
            </button>
          </div>
        )}
      </section>
    );
  }

  if (!offers.withdraw && !offers.archive) return null;
  return (
    <div className="card-lifecycle">
      {offers.withdraw && (
        <button type="button" className="btn btn-ghost btn-danger-text" onClick={() => setMode('withdraw')}>
          {t('card.withdraw')}
        </button>
      )}
      {offers.archive && (
        <button type="button" className="btn btn-ghost" onClick={() => setMode('archive')}>
          {t('card.archive')}
        </button>
      )}
      {mode && (
        <OffBoardDialog
          mode={mode}
          card={card}
          learnerName={learnerName}
          onClose={() => setMode(null)}
          onDone={() => {
            setMode(null);
            toast('success', t(mode === 'withdraw' ? 'card.withdrawnToast' : 'card.archivedToast'));
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** The confirmation, with the reason (required to withdraw, optional to archive). */
export function OffBoardDialog({ mode, card, learnerName, onClose, onDone }: { mode: Mode; card: Pick<CardDetail, 'id'>; learnerName: string; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const titleId = useId();
  const introId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const withdraw = useMutation(trpc.card.withdraw.mutationOptions({ onSuccess: onDone }));
  const archive = useMutation(trpc.card.archive.mutationOptions({ onSuccess: onDone }));
  const mutation = mode === 'withdraw' ? withdraw : archive;
  const missing = mode === 'withdraw' && reason.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    if (mode === 'withdraw') withdraw.mutate({ cardId: card.id, reason: reason.trim() });
    else archive.mutate({ cardId: card.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <Modal labelledBy={titleId} describedBy={introId} onClose={() => !mutation.isPending && onClose()} size="sm">
      <form onSubmit={submit} noValidate>
        <div className="modal-head">
          <h2 id={titleId}>{t(mode === 'withdraw' ? 'card.withdrawTitle' : 'card.archiveTitle')}</h2>
        </div>
        <div className="modal-body">
          <p className="hint" id={introId}>
            <strong>{learnerName}</strong> — {t(mode === 'withdraw' ? 'card.withdrawIntro' : 'card.archiveIntro')}
          </p>
          {mutation.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(mutation.error, t, i18n.language)}</p>}
          <div className="field">
            <label htmlFor={reasonId}>{t(mode === 'withdraw' ? 'card.reason' : 'card.reasonOptional')}</label>
            <textarea
              id={reasonId}
              data-autofocus
              rows={3}
              maxLength={2000}
              required={mode === 'withdraw'}
              aria-invalid={tried && missing ? true : undefined}
              aria-describedby={tried && missing ? `${reasonId}-error` : undefined}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {tried && missing && (
            <p className="field-error" id={`${reasonId}-error`} role="alert">
              {t('card.reasonRequired')}
            </p>
          )}
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} disabled={mutation.isPending}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className={`btn ${mode === 'withdraw' ? 'btn-danger' : 'btn-primary'}`} disabled={mutation.isPending}>
            {mutation.isPending ? t('card.working') : t(mode === 'withdraw' ? 'card.confirmWithdraw' : 'card.confirmArchive')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
