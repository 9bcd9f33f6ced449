/**
 * Long columns render only the cards in view. jsdom lays nothing out, so the sizes the
 * virtualiser reads are given here: a 600 px tall column, 88 px cards (8 px apart).
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../client/i18n';
import { VIRTUAL_FROM } from '../../client/features/board/ColumnCards';
import type { BoardData } from '../../client/trpc';
import { defenseBoard, learners, makeCard, renderBoard } from './boardFixtures';

vi.mock('../../client/features/card/CardDetailDrawer', () => ({
  CardDetailDrawer: ({ cardId }: { cardId: number }) => <aside aria-label="Card detail">card {cardId}</aside>,
}));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

const LONG = 200;
// A card without badges or assignee: 88 px, as estimateCardHeight says, and the gap.
const ROW = 88 + 8;
const restore: (() => void)[] = [];

function stub<K extends keyof HTMLElement>(key: K, get: (this: HTMLElement) => unknown) {
  const previous = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key);
  Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get });
  restore.push(() => (previous ? Object.defineProperty(HTMLElement.prototype, key, previous) : delete (HTMLElement.prototype as never)[key]));
}

beforeAll(() => {
  stub('clientHeight', function () {
    return this.classList.contains('board-column-scroll') ? 600 : 0;
  });
  stub('scrollHeight', function () {
    // A column scrolls as far as its list is tall.
    return this.classList.contains('board-column-scroll') ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0') : 0;
  });
  stub('offsetHeight', function () {
    return this.classList.contains('board-card-item') ? 88 : 0;
  });
  // Scrolling a column: jsdom has no layout, so keep the offset and say it scrolled.
  const scrollTops = new WeakMap<Element, number>();
  Object.defineProperty(Element.prototype, 'scrollTop', {
    configurable: true,
    get() {
      return scrollTops.get(this) ?? 0;
    },
    set(value: number) {
      scrollTops.set(this, value);
    },
  });
  Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
    const top = typeof options === 'object' ? (options.top ?? 0) : 0;
    scrollTops.set(this, top);
    this.dispatchEvent(new Event('scroll'));
  } as Element['scrollTo'];
  restore.push(() => {
    delete (Element.prototype as Partial<Element>).scrollTop;
    delete (Element.prototype as Partial<Element>).scrollTo;
  });
});
afterAll(() => restore.forEach((undo) => undo()));

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

/** The small board, with LONG more cards in Proposals. */
function longBoard(): BoardData {
  const board = defenseBoard();
  const extra = Array.from({ length: LONG - 1 }, (_, i) =>
    makeCard({ id: 1000 + i, columnKey: 'proposals', learnerId: 1000 + i, mentorId: 3, position: `b${String(i).padStart(4, '0')}` }),
  );
  const people = extra.map((c, i) => ({ id: c.learnerId, firstName: `Learner${i}`, lastName: `Long${i}`, pathId: 1, currentProjectId: 2, mentorId: 3, rqth: false }));
  return { ...board, cards: [...board.cards, ...extra], learners: [...learners, ...people] };
}

const column = (name: string) => screen.getByRole('region', { name });

describe('a long column', () => {
  it('renders only the cards in view, each saying its place in the whole column', async () => {
    renderBoard({ handlers: { 'board.get': () => longBoard() } });
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    const proposals = column('Proposals');
    const rendered = await waitFor(() => {
      const cards = within(proposals).getAllByRole('button', { name: /—/ });
      expect(cards.length).toBeGreaterThan(3);
      return cards;
    });
    expect(LONG).toBeGreaterThan(VIRTUAL_FROM);
    expect(rendered.length).toBeLessThan(20);
    expect(within(proposals).getByText(`${LONG} cards`)).toBeInTheDocument();
    const first = rendered[0]!.closest('li')!;
    expect(first).toHaveAttribute('aria-posinset', '1');
    expect(first).toHaveAttribute('aria-setsize', String(LONG));
    expect(rendered[0]).toHaveAttribute('data-card-id', '103');
    // A short column is the plain list it always was.
    const drafts = within(column('Drafts')).getAllByRole('button', { name: /—/ });
    expect(drafts).toHaveLength(2);
    expect(drafts[0]!.closest('li')).not.toHaveAttribute('aria-setsize');
  });

  it('brings in the next cards as it scrolls', async () => {
    renderBoard({ handlers: { 'board.get': () => longBoard() } });
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    const scroller = column('Proposals').querySelector('.board-column-scroll')!;
    await waitFor(() => expect(within(column('Proposals')).getAllByRole('button', { name: /—/ }).length).toBeGreaterThan(3));
    act(() => scroller.scrollTo({ top: 100 * ROW }));
    await waitFor(() => expect(within(column('Proposals')).getByRole('button', { name: /^Learner99 Long99/ })).toBeInTheDocument());
    expect(within(column('Proposals')).queryByRole('button', { name: /^Chloé Lefebvre/ })).not.toBeInTheDocument();
  });

  it('moves a card to the end of a long column with the menu, and focus follows it there', async () => {
    let board = longBoard();
    renderBoard({
      handlers: {
        'board.get': () => board,
        'card.move': (input: { cardId: number; toColumnKey: string }) => {
          const moved = { ...board.cards[0]!, columnKey: input.toColumnKey as 'proposals', position: 'c0', version: 4 };
          // The server lists the board in order: the card is now the column's last.
          board = { ...board, cards: [...board.cards.filter((c) => c.id !== moved.id), moved] };
          return new Promise((resolve) => setTimeout(() => resolve(moved), 50));
        },
      },
    });
    const lea = await screen.findByRole('button', { name: /^Léa Martin/ });
    await userEvent.click(within(lea.closest('li')!).getByRole('button', { name: 'Card actions' }));
    await userEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Proposals' }));
    const moved = await within(column('Proposals')).findByRole('button', { name: /^Léa Martin/ });
    await waitFor(() => expect(moved).toHaveFocus());
    expect(moved.closest('li')).toHaveAttribute('aria-posinset', String(LONG + 1));
  });

  it('keeps the card holding focus in the page when the column scrolls away from it', async () => {
    renderBoard({ handlers: { 'board.get': () => longBoard() } });
    const chloe = await screen.findByRole('button', { name: /^Chloé Lefebvre/ });
    chloe.focus();
    const scroller = column('Proposals').querySelector('.board-column-scroll')!;
    act(() => scroller.scrollTo({ top: 150 * ROW }));
    await waitFor(() => expect(within(column('Proposals')).getByRole('button', { name: /^Learner149 Long149/ })).toBeInTheDocument());
    expect(chloe).toBeInTheDocument();
    expect(chloe).toHaveFocus();
  });
});
