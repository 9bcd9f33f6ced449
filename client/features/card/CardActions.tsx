import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC, type CardDetail, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { cardFacts } from '../../../shared/workflow/drop';
import { canPrepareTransfer, canRecordOutcome, canVolunteer, isManager as isManagerRole, moveVerdict } from '../../../shared/workflow/rules';

/** The buttons this viewer may use on this card, decided by the shared rules. */
export function CardActions({ card, me, learnerName }: { card: CardDetail; me: Me; learnerName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const openDialog = useUi((s) => s.dialogOpened);
  const toast = useUi((s) => s.toastShown);
  const [, navigate] = useLocation();
  const boards = useQuery(trpc.board.list.queryOptions());
  const facts = cardFacts(card, card.kind);
  const isDefense = card.kind === 'defense';
  const isManager = isManagerRole(me);

  // May a manager assign here? Ask the rule as if the choice were already made.
  const assignVerdict = moveVerdict(me, { ...facts, evaluatorId: facts.evaluatorId ?? -1, newMentorId: facts.newMentorId ?? -1 }, 'assigned');
  const canAssign = isManager && card.columnKey !== 'done' && (assignVerdict.ok || card.columnKey === 'assigned');
  const notReady = isManager && !assignVerdict.ok && assignVerdict.rule === 'card_not_ready' ? assignVerdict.missing ?? [] : [];
  const mayRecordOutcome = canRecordOutcome(me, facts).ok;
  // The rule says who may volunteer; whether this mentor already has is the card's state.
  const volunteered = !isDefense && card.volunteerIds.includes(me.id);
  const mayVolunteer = canVolunteer(me, facts).ok && !volunteered;
  const transferBoard = boards.data?.find((b) => b.kind === 'transfer');
  const mayPrepareTransfer = canPrepareTransfer(me, facts) && !!transferBoard;

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
    void queryClient.invalidateQueries(trpc.board.get.pathFilter());
  };
  const volunteer = useMutation(
    trpc.transfer.volunteer.mutationOptions({
      onSuccess: () => {
        toast('success', t('actions.volunteeredToast', { name: learnerName }));
        refresh();
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );
  const withdraw = useMutation(
    trpc.transfer.withdraw.mutationOptions({
      onSuccess: () => {
        toast('info', t('actions.withdrawnToast'));
        refresh();
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );

  const buttons: ReactNode[] = [];
  if (canAssign) {
    const assigned = isDefense ? card.evaluatorId : card.newMentorId;
    buttons.push(
      <button key="assign" type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'assign', cardId: card.id, boardId: card.boardId })}>
        {isDefense ? (assigned ? t('actions.changeEvaluator') : t('actions.assignEvaluator')) : assigned ? t('actions.changeMentor') : t('actions.assignMentor')}
      </button>,
    );
  }
  if (mayRecordOutcome) {
    buttons.push(
      <button key="outcome" type="button" className={`btn ${canAssign ? '' : 'btn-primary'}`} onClick={() => openDialog({ kind: 'outcome', cardId: card.id, boardId: card.boardId })}>
        {t('actions.recordOutcome')}
      </button>,
    );
  }
  if (mayVolunteer) {
    buttons.push(
      <button key="volunteer" type="button" className="btn btn-primary" disabled={volunteer.isPending} onClick={() => volunteer.mutate({ cardId: card.id })}>
        {t('actions.volunteer')}
      </button>,
    );
  }
  if (volunteered) {
    buttons.push(
      <button key="withdraw" type="button" className="btn" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ cardId: card.id })}>
        {t('actions.withdraw')}
      </button>,
    );
  }
  if (mayPrepareTransfer && transferBoard) {
    // One open transfer request per learner: when there is one, open it rather than file a duplicate.
    const openTransfer = card.openTransferCardId;
    buttons.push(
      openTransfer ? (
        <button key="transfer" type="button" className="btn" onClick={() => navigate(`/boards/${transferBoard.id}/cards/${openTransfer}`)}>
          {t('actions.openTransfer')}
        </button>
      ) : (
        <button key="transfer" type="button" className="btn" onClick={() => openDialog({ kind: 'newCard', boardId: transferBoard.id, learnerId: card.learnerId })}>
          {t('actions.prepareTransfer')}
        </button>
      ),
    );
  }
  if (buttons.length === 0 && notReady.length === 0) return null;
  return (
    <div className="card-actions" role="group" aria-label={t('actions.label')}>
      {buttons}
      {volunteered && <span className="badge badge-success">{t('actions.youVolunteered')}</span>}
      {notReady.length > 0 && (
        <p className="hint card-not-ready">
          {t('actions.notReady', { fields: notReady.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ') })}
        </p>
      )}
    </div>
  );
}
