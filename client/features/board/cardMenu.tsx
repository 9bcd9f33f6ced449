/**
 * What a card's "…" menu offers besides moving it: open it, edit it, and the actions the
 * shared rules allow this user on it (assign, record the outcome, volunteer or take the
 * offer back, prepare the transfer, withdraw, archive). Each opens the dialog or makes the
 * request the card's drawer does.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardKind } from '../../../shared/workflow/boards';
import { cardFacts, dropRule } from '../../../shared/workflow/drop';
import { canArchive, canEditCard, canPrepareTransfer, canRecordOutcome, canVolunteer, canWithdraw, isManager, type Actor } from '../../../shared/workflow/rules';
import { serverErrorMessage } from '../../components/serverError';
import { useUi } from '../../stores/ui';
import { useTRPC, type CardData } from '../../trpc';

import { OffBoardDialog } from '../archive';

export type CardAction = 'open' | 'edit' | 'assign' | 'outcome' | 'volunteer' | 'withdrawOffer' | 'prepareTransfer' | 'withdraw' | 'archive';

/** The actions this user may take on this card, in the menu's order (the moves go between "edit" and the rest). */
export function cardActions(actor: Actor, card: CardData, kind: BoardKind): { first: CardAction[]; rest: CardAction[] } {
  const facts = cardFacts(card, kind);
  const first: CardAction[] = ['open'];
  if (canEditCard(actor, facts).ok) first.push('edit');
  const rest: CardAction[] = [];
  if (isManager(actor) && card.columnKey === 'proposals' && dropRule(actor, facts, 'assigned').allowed) rest.push('assign');
  if (canRecordOutcome(actor, facts).ok) rest.push('outcome');
  const offered = kind === 'transfer' && card.volunteerIds.includes(actor.id);
  if (!offered && canVolunteer(actor, facts).ok) rest.push('volunteer');
  if (offered && canVolunteer(actor, facts, true).ok) rest.push('withdrawOffer');
  if (canPrepareTransfer(actor, facts)) rest.push('prepareTransfer');
  if (canWithdraw(actor, facts).ok) rest.push('withdraw');
  if (canArchive(actor, facts).ok) rest.push('archive');
  return { first, rest };
}

/** Opens the card and starts editing its description (the drawer's own Edit button), once the drawer shows it. */
function editWhenOpen(editLabel: () => string) {
  let tries = 0;
  const attempt = () => {
    const drawer = document.querySelector('.card-drawer');
    const button = drawer && [...drawer.querySelectorAll<HTMLButtonElement>('.card-section .section-head button')].find((b) => b.textContent?.trim() === editLabel());
    if (button) {
      button.click();
      return;
    }
    if (++tries < 100) setTimeout(attempt, 50);
  };
  setTimeout(attempt, 0);
}

export function useCardMenu({ onOpen }: { onOpen: (cardId: number) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('board');
  const [offBoard, setOffBoard] = useState<{ mode: 'withdraw' | 'archive'; card: CardData; name: string } | null>(null);
  const refresh = useCallback(() => void queryClient.invalidateQueries(trpc.board.get.pathFilter()), [queryClient, trpc]);
  const fail = useCallback((error: unknown) => useUi.getState().toastShown('error', serverErrorMessage(error, t, i18n.language)), [t, i18n]);
  const volunteer = useMutation(trpc.transfer.volunteer.mutationOptions({ onSuccess: refresh, onError: fail }));
  const withdrawOffer = useMutation(trpc.transfer.withdraw.mutationOptions({ onSuccess: refresh, onError: fail }));
  const volunteerMutate = volunteer.mutate;
  const withdrawOfferMutate = withdrawOffer.mutate;

  const run = useCallback(
    (card: CardData, action: CardAction, name: string) => {
      const ui = useUi.getState();
      switch (action) {
        case 'open':
          onOpen(card.id);
          break;
        case 'edit':
          onOpen(card.id);
          editWhenOpen(() => i18n.t('card:edit.edit'));
          break;
        case 'assign':
          ui.dialogOpened({ kind: 'assign', cardId: card.id, boardId: card.boardId });
          break;
        case 'outcome':
          ui.dialogOpened({ kind: 'outcome', cardId: card.id, boardId: card.boardId });
          break;
        case 'volunteer':
          volunteerMutate({ cardId: card.id }, { onSuccess: () => ui.toastShown('success', t('menu.volunteered', { name })) });
          break;
        case 'withdrawOffer':
          withdrawOfferMutate({ cardId: card.id }, { onSuccess: () => ui.toastShown('info', t('menu.offerWithdrawn')) });
          break;
        case 'prepareTransfer':
          void queryClient.fetchQuery(trpc.board.list.queryOptions()).then(
            (boards) => {
              const transfer = boards.find((b) => b.kind === 'transfer');
              if (transfer) useUi.getState().dialogOpened({ kind: 'newCard', boardId: transfer.id, learnerId: card.learnerId });
            },
            fail,
          );
          break;
        case 'withdraw':
        case 'archive':
          setOffBoard({ mode: action, card, name });
          break;
      }
    },
    [onOpen, volunteerMutate, withdrawOfferMutate, queryClient, trpc, fail, t, i18n],
  );

  const dialog = offBoard ? (
    <Suspense fallback={null}>
      <OffBoardDialog
        mode={offBoard.mode}
        card={offBoard.card}
        learnerName={offBoard.name}
        onClose={() => setOffBoard(null)}
        onDone={() => {
          useUi.getState().toastShown('success', t(offBoard.mode === 'withdraw' ? 'menu.withdrawn' : 'menu.archived', { name: offBoard.name }));
          setOffBoard(null);
          refresh();
        }}
      />
    </Suspense>
  ) : null;

  return { run, dialog };
}
