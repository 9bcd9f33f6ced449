/**
 * Moving a card, the one way the board, the drag and the "Move to…" menu all use:
 * ask the rules first (a refused move never leaves the client; Assigned opens the assign
 * dialog), then move optimistically (STYLE.md): cancel the board query, snapshot it,
 * write the card into its new place, mutate, put the card back on error (where it was, or
 * as the server now has it after a CONFLICT) with the server's reason, refetch once the
 * last move has settled.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnName, type BoardKind, type ColumnKey } from '../../../shared/workflow/boards';
import { cardFacts, dropRule } from '../../../shared/workflow/drop';
import { canRecordOutcome, type Actor } from '../../../shared/workflow/rules';
import { serverErrorMessage } from '../../components/serverError';
import { currentLocale } from '../../i18n';
import { useUi } from '../../stores/ui';
import { useTRPC, type BoardData, type CardData } from '../../trpc';
import { withCardMoved, withCardPlaced, withCardRestored } from '../../lib/boardData';
import { focusCard } from './focus';
import { refusalText } from './refusal';

export type MoveResult = 'moved' | 'assign' | 'refused';
/** How a move the server was asked for ended: the card as it now is, or the server's reason, in the reader's words. */
export type MoveSettled = { ok: true; card: CardData } | { ok: false; reason: string };

/** A move the user asked for (a drop, the menu) that the rules allow; `toIndex` is in the whole column. */
export interface MoveRequest {
  card: CardData;
  to: ColumnKey;
  toIndex?: number;
  /** The learner's name, for the messages. */
  name: string;
  /** Told how the move ended (the drag announces it). */
  onSettled?: (result: MoveSettled) => void;
}

/**
 * A defense dropped on Done before its outcome is recorded, by someone who may record it: the
 * outcome dialog opens (recording it moves the card to Done), rather than a refusal.
 */
export function opensOutcome(actor: Actor, card: CardData, to: ColumnKey): boolean {
  return card.kind === 'defense' && to === 'done' && card.columnKey === 'assigned' && !card.outcome && canRecordOutcome(actor, cardFacts(card, 'defense')).ok;
}

/** How long a plain move can be undone from its toast. */
export const UNDO_MS = 8000;

/**
 * A move that changes more than the card: a transfer into Done is the handover (the learner
 * changes mentor, with their open cards, and two mentors' places change). It is confirmed first.
 */
export function isHandover(card: Pick<CardData, 'kind' | 'columnKey'>, to: ColumnKey): boolean {
  return card.kind === 'transfer' && to === 'done' && card.columnKey !== 'done';
}

export function useBoardMoves({ boardId, kind, actor }: { boardId: number; kind: BoardKind; actor: Actor }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('board');
  const queryKey = useMemo(() => trpc.board.get.queryKey({ boardId }), [trpc, boardId]);
  const snapshots = useRef(new Map<number, BoardData>());
  // What the board's own live region says once a move has settled (the drag's region only hears the drop).
  const [announcement, setAnnouncement] = useState('');
  // A consequential move waiting for the user's confirmation (see ConfirmMoveDialog).
  const [confirming, setConfirming] = useState<MoveRequest | null>(null);

  const mutation = useMutation(
    trpc.card.move.mutationOptions({
      onError: (error, input) => {
        const snapshot = snapshots.current.get(input.cardId);
        // Only this card goes back (other cards may have changed live in the meantime): to the server's
        // current copy when the move came too late (CONFLICT), else to where it was.
        const back = conflictCard(error, input.cardId) ?? snapshot?.cards.find((c) => c.id === input.cardId);
        queryClient.setQueryData(queryKey, (data) => (data && back ? withCardRestored(data, back) : (data ?? snapshot)));
        // profile_incomplete: the server kept the card, in Profile to update; the refetch below shows it there.
        useUi.getState().toastShown('error', serverErrorMessage(error, t, i18n.language));
        // The card's element is drawn anew where it went back: focus follows it if it was there.
        focusCard(input.cardId, true);
      },
      onSuccess: (card) => {
        queryClient.setQueryData(queryKey, (data) => (data ? withCardPlaced(data, card) : data));
      },
      onSettled: (_data, _error, input) => {
        snapshots.current.delete(input.cardId);
        // With several moves in flight, refetching after the first would briefly undo the others.
        if (queryClient.isMutating({ mutationKey: trpc.card.move.mutationKey() }) <= 1) {
          void queryClient.invalidateQueries({ queryKey });
        }
      },
    }),
  );
  const mutateAsync = mutation.mutateAsync;

  /** The optimistic move itself, for a move the rules allow. `toIndex` is in the whole (unfiltered) column. */
  const commitMove = useCallback(
    (card: CardData, toColumnKey: ColumnKey, toIndex?: number): Promise<MoveSettled> => {
      // Synchronously, so the card is in its new place in the same frame the drag ends.
      void queryClient.cancelQueries({ queryKey });
      const snapshot = queryClient.getQueryData(queryKey);
      if (snapshot) {
        if (!snapshots.current.has(card.id)) snapshots.current.set(card.id, snapshot);
        queryClient.setQueryData(queryKey, withCardMoved(snapshot, card.id, toColumnKey, toIndex));
      }
      return mutateAsync({ cardId: card.id, toColumnKey, ...(toIndex === undefined ? {} : { toIndex }), version: card.version }).then(
        (moved): MoveSettled => ({ ok: true, card: moved }),
        (error: unknown): MoveSettled => ({ ok: false, reason: serverErrorMessage(error, t, i18n.language) }),
      );
    },
    [queryClient, queryKey, mutateAsync, t, i18n],
  );

  const openAssign = useCallback((card: CardData) => {
    useUi.getState().dialogOpened({ kind: 'assign', cardId: card.id, boardId });
  }, [boardId]);

  const openOutcome = useCallback((card: CardData) => {
    useUi.getState().dialogOpened({ kind: 'outcome', cardId: card.id, boardId });
  }, [boardId]);

  /** Shows why the rules refuse this move. */
  const explainRefusal = useCallback(
    (card: CardData, toColumnKey: ColumnKey) => {
      const rule = dropRule(actor, cardFacts(card, kind), toColumnKey);
      if (rule.allowed) return;
      const message = refusalText(rule, { kind, from: card.columnKey, to: toColumnKey, byManager: actor.role === 'manager' }, t, currentLocale());
      useUi.getState().toastShown('error', message);
    },
    [actor, kind, t],
  );

  /** Undoing a plain move is a move back, under the same rules, with the card's new version. */
  const undoMove = useCallback(
    (card: CardData, from: ColumnKey, fromIndex: number, name: string) => {
      const rule = dropRule(actor, cardFacts(card, kind), from);
      if (!rule.allowed || rule.action !== 'move') {
        explainRefusal(card, from);
        return;
      }
      const column = columnName(kind, from, currentLocale());
      void commitMove(card, from, fromIndex >= 0 ? fromIndex : undefined).then((result) => {
        if (result.ok) useUi.getState().toastShown('info', t('moves.undone', { name, column }));
      });
      focusCard(card.id);
    },
    [actor, kind, commitMove, explainRefusal, t],
  );

  /** Makes an allowed move: optimistic, then said once the server has kept it, with Undo for a move between columns. */
  const makeMove = useCallback(
    (request: MoveRequest) => {
      const { card, to, toIndex, name } = request;
      const from = card.columnKey;
      const before = queryClient.getQueryData(queryKey);
      const fromIndex = before ? before.cards.filter((c) => c.columnKey === from).findIndex((c) => c.id === card.id) : -1;
      const handover = isHandover(card, to);
      void commitMove(card, to, toIndex).then((result) => {
        request.onSettled?.(result);
        if (!result.ok || from === to) return;
        const ui = useUi.getState();
        if (handover) {
          ui.toastShown('success', t('moves.handedOver', { name }));
          return;
        }
        ui.toastShown('info', t('moves.moved', { name, column: columnName(kind, to, currentLocale()) }), {
          duration: UNDO_MS,
          action: { label: t('moves.undo'), run: () => undoMove(result.card, from, fromIndex, name) },
        });
      });
    },
    [queryClient, queryKey, commitMove, undoMove, kind, t],
  );

  /** An allowed move: a consequential one waits for confirmation, any other is made at once. */
  const move = useCallback(
    (request: MoveRequest) => {
      if (isHandover(request.card, request.to)) setConfirming(request);
      else makeMove(request);
    },
    [makeMove],
  );

  const confirmPending = useCallback(() => {
    if (!confirming) return;
    setConfirming(null);
    makeMove(confirming);
    focusCard(confirming.card.id);
  }, [confirming, makeMove]);

  const cancelPending = useCallback(() => {
    if (!confirming) return;
    setConfirming(null);
    setAnnouncement(t('moves.handoverCancelled', { name: confirming.name, column: columnName(kind, confirming.card.columnKey, currentLocale()) }));
    focusCard(confirming.card.id);
  }, [confirming, kind, t]);

  /** A move asked for by name (the "Move to…" menu): checked, then made, dialogued or explained. */
  const requestMove = useCallback(
    (card: CardData, toColumnKey: ColumnKey, name: string): MoveResult => {
      if (opensOutcome(actor, card, toColumnKey)) {
        openOutcome(card);
        return 'assign';
      }
      const rule = dropRule(actor, cardFacts(card, kind), toColumnKey);
      if (!rule.allowed) {
        explainRefusal(card, toColumnKey);
        return 'refused';
      }
      if (rule.action === 'assign') {
        openAssign(card);
        return 'assign';
      }
      // Said once the server has kept the move, not before (a refusal has its own toast).
      move({ card, to: toColumnKey, name });
      if (!isHandover(card, toColumnKey)) focusCard(card.id);
      return 'moved';
    },
    [actor, kind, move, openAssign, openOutcome, explainRefusal],
  );

  /** Says something in the board's live region (see BoardColumns), e.g. how a dropped card's move ended. */
  const announce = useCallback((text: string) => setAnnouncement(text), []);

  return { commitMove, move, confirming, confirmPending, cancelPending, openAssign, openOutcome, explainRefusal, requestMove, announce, announcement };
}

/** The fresh card a CONFLICT carries (the server's errorFormatter puts it in data.current). */
function conflictCard(error: unknown, cardId: number): CardData | undefined {
  if (!(error instanceof TRPCClientError) || error.data?.code !== 'CONFLICT') return undefined;
  const current = (error.data as { current?: unknown }).current;
  if (!current || typeof current !== 'object') return undefined;
  const card = current as CardData;
  return card.id === cardId && typeof card.version === 'number' ? card : undefined;
}
