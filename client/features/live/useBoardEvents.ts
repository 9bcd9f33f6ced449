/**
 * The board's live feed (board.events over server-sent events): each event is written into
 * the board's query cache as it comes, without a refetch, so what one person does the others
 * see within a blink. httpSubscriptionLink reconnects by itself and resumes from the last
 * tracked event id, so a dropped connection loses nothing.
 *
 * - The card in hand is left alone: its events wait until the drop (then the newer version wins).
 * - A board refetch may have been read before the latest events: they are applied again on top.
 * - A card someone else changed is highlighted for a moment (the UI store's flashedCards).
 * - The open card's detail and the notifications are refreshed, a few at a time.
 */
import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../../stores/ui';
import { useTRPC, type BoardEvent, type BoardFeedItem } from '../../trpc';
import { applyBoardEvent, changedCardId } from './applyBoardEvent';

/** How long events are kept to be applied again over a refetch that may predate them. */
const REPLAY_MS = 30_000;
/** The pill says "Reconnecting…" only after this long without a connection: a blip shows nothing. */
const QUIET_MS = 1_500;
const RETRY_MS = [3_000, 6_000, 15_000, 30_000];
/** Detail and notification refreshes are gathered for this long, so a burst of events asks once. */
const REFRESH_MS = 250;

export interface LiveStatus {
  /** True while the feed has been down for a moment: changes by others will show once it is back. */
  reconnecting: boolean;
  /** The feed's state: opening, open (`live`: what others do shows as it happens), or down for a moment. */
  state: 'connecting' | 'live' | 'reconnecting';
}

export function useBoardEvents({ boardId, meId, enabled }: { boardId: number; meId: number; enabled: boolean }): LiveStatus {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const boardKey = useMemo(() => trpc.board.get.queryKey({ boardId }), [trpc, boardId]);
  const boardHash = useMemo(() => hashKey(boardKey), [boardKey]);
  const recent = useRef<{ at: number; event: BoardEvent }[]>([]);
  const held = useRef<BoardEvent[]>([]);
  const refresh = useRef<{ cards: Set<number>; timer: ReturnType<typeof setTimeout> | null }>({ cards: new Set(), timer: null });

  const scheduleRefresh = useCallback(
    (cardId: number | null) => {
      const pending = refresh.current;
      if (cardId !== null) pending.cards.add(cardId);
      if (pending.timer) return;
      pending.timer = setTimeout(() => {
        pending.timer = null;
        const cards = [...pending.cards];
        pending.cards.clear();
        // Only an open card's detail refetches; the others are marked stale for when they open.
        for (const cardId of cards) void queryClient.invalidateQueries({ queryKey: trpc.card.get.queryKey({ cardId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() });
      }, REFRESH_MS);
    },
    [queryClient, trpc],
  );
  useEffect(() => () => clearTimeout(refresh.current.timer ?? undefined), []);

  /** Writes the event into the cached board; true when the board shows something new. */
  const write = useCallback(
    (event: BoardEvent, flash: boolean) => {
      const before = queryClient.getQueryData(boardKey);
      if (!before) return;
      const after = applyBoardEvent(before, event);
      if (after === before) return;
      queryClient.setQueryData(boardKey, after);
      const changed = changedCardId(before, after, event.cardId);
      if (flash && changed !== null && event.actorId !== null && event.actorId !== meId) useUi.getState().cardChangedElsewhere(changed);
    },
    [queryClient, boardKey, meId],
  );

  const receive = useCallback(
    (event: BoardEvent) => {
      const now = Date.now();
      const log = recent.current;
      while (log.length > 0 && (now - log[0]!.at > REPLAY_MS || log.length > 500)) log.shift();
      log.push({ at: now, event });
      if (event.cardId !== null && useUi.getState().draggingCardId === event.cardId) held.current.push(event);
      else write(event, true);
      scheduleRefresh(event.cardId);
    },
    [write, scheduleRefresh],
  );

  // The drop is over: what happened to that card meanwhile, in order (the version check sorts out the drop's own move).
  useEffect(
    () =>
      useUi.subscribe((state, previous) => {
        if (previous.draggingCardId === null || state.draggingCardId !== null || held.current.length === 0) return;
        const events = held.current;
        held.current = [];
        for (const event of events) write(event, true);
      }),
    [write],
  );

  // A fetched board (a refetch after a move, the first load) may predate events already
  // received: write them again on top; older ones change nothing.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((change) => {
        if (change.type !== 'updated' || change.action.type !== 'success' || change.action.manual) return;
        if (change.query.queryHash !== boardHash) return;
        if (recent.current.length === 0) return;
        queueMicrotask(() => {
          for (const { event } of recent.current) {
            if (event.cardId !== null && useUi.getState().draggingCardId === event.cardId) continue;
            write(event, false);
          }
        });
      }),
    [queryClient, boardHash, write],
  );

  const restarted = useRef(false);
  const subscription = useSubscription(
    trpc.board.events.subscriptionOptions(
      { boardId },
      {
        enabled,
        onData: (item: BoardFeedItem) => receive(item.data),
        onStarted: () => {
          // A new subscription after a failure starts from now, not from the last event: catch up once.
          if (restarted.current) void queryClient.invalidateQueries({ queryKey: boardKey });
          restarted.current = false;
        },
      },
    ),
  );
  const { status, reset } = subscription;

  // A failure the link does not retry by itself (the server ended the feed with an error): try again, slower each time.
  const failures = useRef(0);
  useEffect(() => {
    if (status === 'pending') failures.current = 0;
    if (status !== 'error') return;
    const delay = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)]!;
    const timer = setTimeout(() => {
      failures.current += 1;
      restarted.current = true;
      reset();
    }, delay);
    return () => clearTimeout(timer);
  }, [status, reset]);

  const [quiet, setQuiet] = useState(false);
  useEffect(() => {
    if (!enabled || status === 'pending' || status === 'idle') {
      setQuiet(false);
      return;
    }
    const timer = setTimeout(() => setQuiet(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [enabled, status]);

  return { reconnecting: quiet, state: quiet ? 'reconnecting' : enabled && status === 'pending' ? 'live' : 'connecting' };
}
