import { TRPCClientError } from '@trpc/client';
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { withCardMoved } from '../../client/lib/boardData';
import { applyBoardEvent, changedCardId } from '../../client/features/live/applyBoardEvent';
import i18n from '../../client/i18n';
import { useUi } from '../../client/stores/ui';
import type { BoardData, BoardEvent, CardData } from '../../client/trpc';
import { defenseBoard, julien, makeCard, manager, renderBoard } from './boardFixtures';

vi.mock('../../client/features/card/CardDetailDrawer', () => ({
  CardDetailDrawer: ({ cardId }: { cardId: number }) => <aside aria-label="Card detail">card {cardId}</aside>,
}));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

let activityId = 1000;

/** An event of the feed as the server sends it: the card as it is now (a full card, with its description). */
function eventFor(card: CardData | null, overrides: Partial<BoardEvent> = {}): BoardEvent {
  activityId += 1;
  const full = card && { ...card, description: 'A description', archived: false, createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-06T10:00:00.000Z', reason: null };
  return {
    id: activityId,
    boardId: 1,
    cardId: card?.id ?? null,
    at: '2026-01-06T10:00:00.000Z',
    type: card ? 'moved' : 'hidden',
    actorId: card ? 3 : null,
    data: {},
    card: full,
    learner: null,
    ...overrides,
  } as BoardEvent;
}

const cardIn = (data: BoardData, id: number) => data.cards.find((c) => c.id === id)!;
const columnIds = (data: BoardData, key: CardData['columnKey']) => data.cards.filter((c) => c.columnKey === key).map((c) => c.id);

describe('applying a live event to the board', () => {
  it('moves a card to its new column, in position order', () => {
    const board = defenseBoard();
    const moved = { ...cardIn(board, 101), columnKey: 'proposals' as const, position: 'a1', version: 4 };
    const after = applyBoardEvent(board, eventFor(moved, { data: { from: 'drafts', to: 'proposals', index: 1, of: 2 } }));
    expect(columnIds(after, 'drafts')).toEqual([102]);
    expect(columnIds(after, 'proposals')).toEqual([103, 101]);
    expect(cardIn(after, 101).version).toBe(4);
    // The board keeps the face only.
    expect(cardIn(after, 101)).not.toHaveProperty('description');
    // The other cards are the very same objects, so their faces do not re-render.
    expect(cardIn(after, 103)).toBe(cardIn(board, 103));
    expect(changedCardId(board, after, 101)).toBe(101);
  });

  it('places a card before another of the same position when its id is smaller', () => {
    const board = defenseBoard();
    const moved = { ...cardIn(board, 105), id: 99, columnKey: 'proposals' as const, position: 'a0', version: 1 };
    const after = applyBoardEvent(board, eventFor(moved, { type: 'created' }));
    expect(columnIds(after, 'proposals')).toEqual([99, 103]);
  });

  it('adds a new card, and its learner when the board did not know them', () => {
    const board = defenseBoard();
    const learner = { id: 15, firstName: 'Inès', lastName: 'Garcia', pathId: 1, currentProjectId: 2, mentorId: 2, rqth: false };
    const card = makeCard({ id: 106, columnKey: 'drafts', learnerId: 15, position: 'a0V', version: 1 });
    const after = applyBoardEvent(board, eventFor(card, { type: 'created', learner }));
    expect(columnIds(after, 'drafts')).toEqual([101, 106, 102]);
    expect(after.learners).toContainEqual(learner);
    expect(after.learners).toHaveLength(board.learners.length + 1);
  });

  it('refreshes a learner whose profile changed, even when the card face did not', () => {
    const board = defenseBoard();
    const learner = { id: 10, firstName: 'Léa', lastName: 'Martin-Dupont', pathId: 1, currentProjectId: 2, mentorId: 2, rqth: false };
    const after = applyBoardEvent(board, eventFor(cardIn(board, 101), { type: 'profile_updated', learner }));
    expect(after.cards).toBe(board.cards);
    expect(after.learners).toContainEqual(learner);
  });

  it('takes off a card that left this user’s view', () => {
    const board = defenseBoard();
    const after = applyBoardEvent(board, eventFor(null, { cardId: 102 }));
    expect(after.cards.map((c) => c.id)).not.toContain(102);
    expect(after.cards).toHaveLength(board.cards.length - 1);
  });

  it('takes off an archived card', () => {
    const board = defenseBoard();
    const event = eventFor({ ...cardIn(board, 104), version: 5 });
    const after = applyBoardEvent(board, { ...event, card: { ...event.card!, archived: true } } as BoardEvent);
    expect(after.cards.map((c) => c.id)).not.toContain(104);
  });

  it('ignores the late echo of an older version: an optimistic move is not undone', () => {
    const board = defenseBoard();
    // Our own move, made optimistically: version 3 → 4, in Proposals.
    const optimistic = withCardMoved(board, 101, 'proposals');
    // An echo of an earlier change (version 3, still in Drafts) arrives late.
    const echo = eventFor({ ...cardIn(board, 101), version: 3 });
    expect(applyBoardEvent(optimistic, echo)).toBe(optimistic);
    // The echo of the move itself (version 4) puts the card where the server did.
    const server = { ...cardIn(optimistic, 101), position: 'a5' };
    const after = applyBoardEvent(optimistic, eventFor(server));
    expect(columnIds(after, 'proposals')).toEqual([103, 101]);
    expect(cardIn(after, 101).position).toBe('a5');
  });

  it('changes nothing for an event that shows nothing new (a comment)', () => {
    const board = defenseBoard();
    const after = applyBoardEvent(board, eventFor(cardIn(board, 103), { type: 'commented' }));
    expect(after).toBe(board);
    expect(changedCardId(board, after, 103)).toBeNull();
  });
});

/** The board over the fake API, with its board.events feed driven by the test. */
function renderLiveBoard({ user = manager, board = defenseBoard() } = {}) {
  const api = renderBoard({ user, handlers: { 'board.get': () => board, 'notification.list': () => [] } });
  const feed = () => api.feeds[api.feeds.length - 1]!;
  return {
    queryClient: api.queryClient,
    /** The procedures called, in order. */
    get calls() {
      return api.calls.map((call) => call.path);
    },
    connect: () =>
      act(() => {
        feed().next({ result: { type: 'started' } });
        feed().next({ result: { type: 'state', state: 'pending', error: null } });
      }),
    drop: () =>
      act(() => feed().next({ result: { type: 'state', state: 'connecting', error: TRPCClientError.from(new Error('network')) } })),
    send: (event: BoardEvent) => act(() => feed().next({ result: { id: String(event.id), data: { id: String(event.id), data: event } } })),
  };
}

const column = (name: string) => screen.getByRole('region', { name });

describe('the live board', () => {
  it('shows a card another mentor moved in its new column, highlighted for a moment', async () => {
    const live = renderLiveBoard();
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    live.connect();
    const moved = makeCard({ id: 102, columnKey: 'proposals', learnerId: 11, mentorId: 3, projectId: 3, hasDescription: false, position: 'a1', version: 4 });
    live.send(eventFor(moved, { actorId: 3 }));
    const card = await within(column('Proposals')).findByRole('button', { name: /^Hugo Durand/ });
    expect(card.closest('li')).toHaveClass('board-card-item-flash');
    expect(within(column('Drafts')).queryByRole('button', { name: /^Hugo Durand/ })).not.toBeInTheDocument();
    // Live, not refetched.
    expect(live.calls.filter((path) => path === 'board.get')).toHaveLength(1);
  });

  it('does not highlight the echo of the user’s own change', async () => {
    const live = renderLiveBoard({ user: julien });
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    live.connect();
    live.send(eventFor(makeCard({ id: 101, columnKey: 'proposals', learnerId: 10, position: 'a1', version: 4 }), { actorId: julien.id }));
    const card = await within(column('Proposals')).findByRole('button', { name: /^Léa Martin/ });
    expect(card.closest('li')).not.toHaveClass('board-card-item-flash');
  });

  it('waits for the drop before moving the card in hand', async () => {
    const live = renderLiveBoard();
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    live.connect();
    act(() => useUi.getState().dragStarted(101));
    live.send(eventFor(makeCard({ id: 101, columnKey: 'proposals', learnerId: 10, position: 'a1', version: 4 })));
    // Another card's event goes through meanwhile.
    live.send(eventFor(makeCard({ id: 102, columnKey: 'proposals', learnerId: 11, mentorId: 3, projectId: 3, position: 'a2', version: 4 })));
    await within(column('Proposals')).findByRole('button', { name: /^Hugo Durand/ });
    expect(within(column('Drafts')).getByRole('button', { name: /^Léa Martin/ })).toBeInTheDocument();
    act(() => useUi.getState().dragEnded());
    expect(await within(column('Proposals')).findByRole('button', { name: /^Léa Martin/ })).toBeInTheDocument();
  });

  it('says discreetly when the feed is reconnecting, and nothing once it is back', async () => {
    const live = renderLiveBoard();
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    live.connect();
    expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument();
    live.drop();
    const pill = await screen.findByText('Reconnecting…', {}, { timeout: 3000 });
    expect(pill.closest('[role="status"]')).toBeInTheDocument();
    live.connect();
    await waitFor(() => expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument());
  });

  it('refreshes the open card’s detail and the notifications after an event', async () => {
    const live = renderLiveBoard();
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    live.connect();
    const spy = vi.spyOn(live.queryClient, 'invalidateQueries');
    live.send(eventFor(makeCard({ id: 103, columnKey: 'proposals', learnerId: 12, mentorId: 3, projectId: 6, position: 'a0', version: 4, evaluatorId: 4 })));
    await waitFor(() => expect(spy).toHaveBeenCalledWith({ queryKey: [['card', 'get'], { input: { cardId: 103 }, type: 'query' }] }));
    expect(spy).toHaveBeenCalledWith({ queryKey: [['notification', 'list'], { type: 'query' }] });
  });
});
