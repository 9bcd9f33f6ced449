/**
 * A board, at /boards/:boardId (and /boards/:boardId/cards/:cardId with the card's
 * detail open over it): header, filters from the URL, the columns, and the card dialogs.
 */
import { useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { toDay } from '../../../shared/dates';
import { BOARD_NAMES } from '../../../shared/workflow/boards';
import { groupByColumn } from '../../../shared/workflow/drop';
import type { Actor } from '../../../shared/workflow/rules';
import { serverErrorMessage } from '../../components/serverError';
import { currentLocale } from '../../i18n';
import { useUi } from '../../stores/ui';
import { useTRPC, type BoardData, type Catalog, type Me } from '../../trpc';
import { CardDetailDrawer, CardDialogs } from '../card';
import { BoardColumns } from './BoardColumns';
import type { Lookups } from './lookups';
import { FilterBar } from './FilterBar';
import { focusCard } from './focus';
import { useHeaderThroughDrawer } from './headerThrough';
import { activeFilterCount, applyFilters, parseFilters, writeFilters, type BoardFilters } from './filters';
import { useBoardMoves } from './useBoardMoves';
import { LiveIndicator, useBoardEvents, type LiveStatus } from '../live';
import { ArchivedView, isArchivedView } from '../archive';
import './board.css';

/**
 * The board's address, with or without a card open on it (/boards/1, /boards/1/cards/7):
 * one route, so opening and closing a card keeps the board as it is.
 */
export const BOARD_ROUTE = /^\/boards\/(?<boardId>[^/]+)(?:\/cards\/(?<cardId>[^/]+))?\/?$/;

export function BoardPage({ user }: { user: Me }) {
  const params = useParams();
  const boardId = Number(params.boardId);
  const cardId = params.cardId ? Number(params.cardId) : null;
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('board');
  const valid = Number.isInteger(boardId) && boardId > 0;
  const board = useQuery(trpc.board.get.queryOptions({ boardId }, { enabled: valid }));
  const catalog = useQuery(trpc.catalog.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  // Started with the board's query, not after it, so the feed misses as little as possible of what happens while the board loads.
  const live = useBoardEvents({ boardId, meId: user.id, enabled: valid });

  if (!valid) return <BoardMessage text={t('state.notFound')} />;
  if (board.isPending) return <BoardSkeleton />;
  if (board.isError) {
    const notFound = board.error instanceof TRPCClientError && board.error.data?.code === 'NOT_FOUND';
    if (notFound) return <BoardMessage text={t('state.notFound')} />;
    return (
      <div className="board-page">
        <div className="board-error callout callout-error" role="alert">
          <p>
            <strong>{t('state.error')}</strong> {serverErrorMessage(board.error, t, i18n.language)}
          </p>
          <button type="button" className="btn" onClick={() => void board.refetch()}>
            {t('state.retry')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <BoardView key={boardId} data={board.data} catalog={catalog.data} user={user} boardId={boardId} cardId={cardId} live={live} />
  );
}

interface BoardViewProps {
  data: BoardData;
  catalog: Catalog | undefined;
  user: Me;
  boardId: number;
  cardId: number | null;
  /** The live feed's state (see useBoardEvents). */
  live: LiveStatus;
}

function BoardView({ data, catalog, user, boardId, cardId, live }: BoardViewProps) {
  const { t } = useTranslation('board');
  const [, navigate] = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = data.board.kind;
  const locale = currentLocale();
  const actor: Actor = useMemo(() => ({ id: user.id, role: user.role, isEvaluator: user.isEvaluator }), [user.id, user.role, user.isEvaluator]);
  const moves = useBoardMoves({ boardId, kind, actor });

  const filters = useMemo(() => parseFilters(searchParams, kind), [searchParams, kind]);
  const setFilters = useCallback(
    (next: BoardFilters) => setSearchParams((prev) => writeFilters(prev, next, kind), { replace: true }),
    [setSearchParams, kind],
  );

  const lookups: Lookups = useMemo(
    () => ({
      cards: new Map(data.cards.map((c) => [c.id, c])),
      learners: new Map(data.learners.map((l) => [l.id, l])),
      projects: new Map((catalog?.projects ?? []).map((p) => [p.id, p])),
      people: new Map((catalog?.people ?? []).map((p) => [p.id, p])),
    }),
    [data, catalog],
  );
  const all = useMemo(() => groupByColumn(data.cards), [data.cards]);
  const visibleCards = useMemo(
    () => applyFilters(data.cards, filters, { learners: lookups.learners, meId: user.id, today: toDay(new Date()) }),
    [data.cards, filters, lookups.learners, user.id],
  );
  const visible = useMemo(() => groupByColumn(visibleCards), [visibleCards]);
  const filtered = activeFilterCount(filters) > 0;

  // Read through a ref, so the callbacks stay the same while the search changes and memoised cards do not re-render on every keystroke.
  const search = useRef(searchParams.toString());
  search.current = searchParams.toString();
  const openCard = useCallback(
    (id: number) => navigate(withSearch(`/boards/${boardId}/cards/${id}`, search.current)),
    [navigate, boardId],
  );
  const closeCard = useCallback(() => {
    navigate(withSearch(`/boards/${boardId}`, search.current));
    // Back to where the person was: the card they opened.
    if (cardId !== null) focusCard(cardId);
  }, [navigate, boardId, cardId]);

  // The header's links and buttons stay clickable over the open card's backdrop.
  useHeaderThroughDrawer(cardId !== null, closeCard);

  // A dialog about a card (assign, outcome) opened from a drop or the menu: when it closes, focus
  // goes back to that card if it has nowhere better to go (the card's element may be new).
  useEffect(
    () =>
      useUi.subscribe((state, previous) => {
        const cardId = previous.dialog?.cardId;
        if (cardId !== undefined && state.dialog === null) focusCard(cardId, true);
      }),
    [],
  );

  const total = data.cards.length;
  return (
    <div className="board-page">
      <div className="board-header">
        <div className="board-title-row">
          <h1 className="board-title">{BOARD_NAMES[kind][locale]}</h1>
          <p className="board-summary" role="status">
            {filtered ? t('header.shown', { shown: visibleCards.length, total }) : t('header.total', { count: total })}
          </p>
          <LiveIndicator status={live} />
          <button type="button" className="btn btn-primary board-new" onClick={() => useUi.getState().dialogOpened({ kind: 'newCard', boardId })}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            {t(kind === 'defense' ? 'header.newCard_defense' : 'header.newCard_transfer')}
          </button>
        </div>
        <FilterBar kind={kind} filters={filters} catalog={catalog} onChange={setFilters} />
      </div>
      {filtered && visibleCards.length === 0 && (
        <div className="board-nomatch callout callout-info">
          <p>
            <strong>{t('filters.noMatch')}</strong> {t('filters.noMatchHint')}
          </p>
        </div>
      )}
      {isArchivedView(searchParams) ? (
        <Suspense fallback={null}>
          <ArchivedView boardId={boardId} kind={kind} onOpen={openCard} />
        </Suspense>
      ) : (
      <BoardColumns
        kind={kind}
        locale={locale}
        columns={data.columns}
        all={all}
        visible={visible}
        filtered={filtered}
        lookups={lookups}
        actor={actor}
        moves={moves}
        onOpen={openCard}
      />
      )}
      {cardId !== null && (
        <Suspense fallback={null}>
          <CardDetailDrawer cardId={cardId} boardId={boardId} onClose={closeCard} />
        </Suspense>
      )}
      <CardDialogs />
    </div>
  );
}

/** A path with the board's filters (its search) kept. */
function withSearch(path: string, search: string) {
  return search ? `${path}?${search}` : path;
}

function BoardMessage({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="board-page">
      <div className="board-error callout callout-info" role="alert">
        <p>{text}</p>
        <Link className="btn" to="/boards/1">
          {t('state.backToBoards')}
        </Link>
      </div>
    </div>
  );
}

/** The board's shape while it loads: calm grey blocks where columns and cards will be. */
function BoardSkeleton() {
  const { t } = useTranslation('board');
  return (
    <div className="board-page" aria-busy="true">
      <p className="sr-only" role="status">
        {t('state.loading')}
      </p>
      <div className="board-header" aria-hidden="true">
        <div className="board-title-row">
          <span className="board-skeleton board-skeleton-title" />
        </div>
        <div className="board-filters">
          <span className="board-skeleton board-skeleton-filter" />
          <span className="board-skeleton board-skeleton-filter" />
          <span className="board-skeleton board-skeleton-filter" />
        </div>
      </div>
      <div className="board-columns" aria-hidden="true">
        {[3, 4, 2, 3, 2].map((n, i) => (
          <div key={i} className="board-column board-column-skeleton">
            <span className="board-skeleton board-skeleton-heading" />
            {Array.from({ length: n }, (_, j) => (
              <span key={j} className="board-skeleton board-skeleton-card" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
