/**
 * Moves that can be taken back, and moves that are asked about first: a plain move between
 * columns offers Undo (a move back, with the card's new version); a handover (a transfer into
 * Done) says what will change and waits for a yes.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../client/i18n';
import { Toasts } from '../../client/components/Toasts';
import { useUi } from '../../client/stores/ui';
import type { BoardData, CardData } from '../../client/trpc';
import { defenseBoard, dayIn, julien, learners, makeCard, manager, renderBoard } from './boardFixtures';

const editStarted = vi.fn();
// The drawer is another feature's: here, only its description's Edit button (as the drawer draws it).
vi.mock('../../client/features/card/CardDetailDrawer', () => ({
  CardDetailDrawer: ({ cardId }: { cardId: number }) => (
    <aside aria-label="Card detail" className="card-drawer">
      card {cardId}
      <section className="card-section">
        <div className="section-head">
          <h3>Description</h3>
          <button type="button" onClick={() => editStarted()}>
            Edit
          </button>
        </div>
      </section>
    </aside>
  ),
}));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

beforeEach(async () => {
  await i18n.changeLanguage('en');
  useUi.setState({ toasts: [], dialog: null });
});

const column = (name: string) => screen.getByRole('region', { name });
const cardOf = (name: RegExp, scope: HTMLElement = document.body) => within(scope).getByRole('button', { name });

async function chooseMove(name: RegExp, to: string) {
  const card = await screen.findByRole('button', { name });
  await userEvent.click(within(card.closest('li')!).getByRole('button', { name: 'Card actions' }));
  await userEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: to }));
}

/** A fake card.move over `board`: the card goes where asked, a version ahead. */
function mover(board: BoardData) {
  return (input: { cardId: number; toColumnKey: CardData['columnKey']; version: number }) => {
    const at = board.cards.findIndex((c) => c.id === input.cardId);
    const moved = { ...board.cards[at]!, columnKey: input.toColumnKey, version: input.version + 1 };
    board.cards[at] = moved;
    return moved;
  };
}

describe('undoing a move', () => {
  it('offers Undo once the server kept the move, and Undo moves the card back where it was, with its new version', async () => {
    const board = defenseBoard();
    const { calls } = renderBoard({ handlers: { 'board.get': () => board, 'card.move': mover(board) } });
    render(<Toasts />);
    await chooseMove(/^Léa Martin/, 'Proposals');
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(undo.closest('.toast')).toHaveTextContent('Léa Martin moved to Proposals.');
    await userEvent.click(undo);
    await waitFor(() => expect(calls.filter((c) => c.path === 'card.move')).toHaveLength(2));
    expect(calls.filter((c) => c.path === 'card.move')[1]!.input).toEqual({ cardId: 101, toColumnKey: 'drafts', toIndex: 0, version: 4 });
    await waitFor(() => expect(cardOf(/^Léa Martin/, column('Drafts'))).toBeInTheDocument());
    await waitFor(() => expect(useUi.getState().toasts.map((t) => t.message)).toContain('Move undone: Léa Martin is back in Drafts.'));
  });

  it('offers no Undo when the server refused the move', async () => {
    renderBoard({
      handlers: {
        'card.move': () => {
          throw Object.assign(new Error('nope'), {});
        },
      },
    });
    render(<Toasts />);
    await chooseMove(/^Léa Martin/, 'Proposals');
    await waitFor(() => expect(useUi.getState().toasts.some((t) => t.kind === 'error')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });
});

describe('a defense dropped on Done before its outcome', () => {
  it('opens the outcome dialog for whoever may record it, instead of a refusal', async () => {
    const { calls } = renderBoard({ user: manager });
    await chooseMove(/^Manon Fournier/, 'Done');
    expect(useUi.getState().dialog).toMatchObject({ kind: 'outcome', cardId: 105 });
    expect(calls.some((c) => c.path === 'card.move')).toBe(false);
  });
});

describe('a handover', () => {
  function transferBoard(): BoardData {
    return {
      board: { id: 2, kind: 'transfer', name: 'Transfers' },
      columns: defenseBoard().columns,
      cards: [
        makeCard({ id: 201, boardId: 2, kind: 'transfer', columnKey: 'assigned', learnerId: 10, mentorId: 2, newMentorId: 3, defenseDate: null, handoverDate: dayIn(10), position: 'a0' }),
      ],
      learners,
    };
  }

  it('says what will change and waits for a yes before moving a transfer to Done', async () => {
    const board = transferBoard();
    const { calls } = renderBoard({ url: '/boards/2', user: manager, handlers: { 'board.get': () => board, 'card.move': mover(board) } });
    await chooseMove(/^Léa Martin/, 'Done');
    const dialog = await screen.findByRole('dialog', { name: 'Hand Léa Martin over?' });
    expect(dialog).toHaveTextContent('Léa Martin will move from Julien Moreau to Sophie Bernard');
    expect(dialog).toHaveTextContent('Julien Moreau gets a place back.');
    expect(dialog).toHaveTextContent('Sophie Bernard takes one of their places.');
    expect(calls.some((c) => c.path === 'card.move')).toBe(false);

    // Cancel: nothing moves.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.some((c) => c.path === 'card.move')).toBe(false);
    expect(cardOf(/^Léa Martin/, column('Assigned'))).toBeInTheDocument();

    // Confirmed: the handover is made, and it is not offered for undo.
    await chooseMove(/^Léa Martin/, 'Done');
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hand over' }));
    await waitFor(() => expect(calls.find((c) => c.path === 'card.move')?.input).toEqual({ cardId: 201, toColumnKey: 'done', version: 3 }));
    await waitFor(() => expect(cardOf(/^Léa Martin/, column('Done'))).toBeInTheDocument());
    await waitFor(() => expect(useUi.getState().toasts.map((t) => t.message)).toContain('Handover done: Léa Martin has their new mentor.'));
    expect(useUi.getState().toasts.some((t) => t.action)).toBe(false);
    await act(async () => {});
  });
});

describe("a card's menu", () => {
  async function openMenu(name: RegExp) {
    const card = await screen.findByRole('button', { name });
    await userEvent.click(within(card.closest('li')!).getByRole('button', { name: 'Card actions' }));
    return screen.getByRole('menu', { name: 'Card actions' });
  }
  const names = (menu: HTMLElement) => within(menu).getAllByRole('menuitem').map((item) => item.querySelector('.ui-menu-item-label')?.textContent);

  it('offers Open, Edit, Move to… and what the rules allow this user, each doing it', async () => {
    renderBoard({ user: manager });
    let menu = await openMenu(/^Chloé Lefebvre/);
    // A manager, a defense in Proposals: open, edit, the columns (as a "Move to…" group), assign, withdraw.
    expect(names(menu)).toEqual(['Open', 'Edit', 'Drafts', 'Proposals', 'Profile to update', 'Assigned', 'Done', 'Assign…', 'Withdraw…']);
    expect(within(menu).getByRole('group', { name: 'Move to…' })).toContainElement(within(menu).getByRole('menuitem', { name: 'Done' }));
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Assign…' }));
    expect(useUi.getState().dialog).toMatchObject({ kind: 'assign', cardId: 103 });
    act(() => useUi.getState().dialogClosed());

    menu = await openMenu(/^Manon Fournier/);
    expect(names(menu)).toContain('Record the outcome…');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Record the outcome…' }));
    expect(useUi.getState().dialog).toMatchObject({ kind: 'outcome', cardId: 105 });
    act(() => useUi.getState().dialogClosed());

    menu = await openMenu(/^Léa Martin/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Open' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/101');
  });

  it("offers a mentor only what is theirs to do: no Edit on another mentor's card, Withdraw on their own draft", async () => {
    renderBoard({ user: julien });
    let menu = await openMenu(/^Hugo Durand/);
    expect(names(menu)).toEqual(['Open', 'Drafts', 'Proposals', 'Profile to update', 'Assigned', 'Done']);
    await userEvent.keyboard('{Escape}');
    menu = await openMenu(/^Léa Martin/);
    expect(names(menu)).toEqual(['Open', 'Edit', 'Drafts', 'Proposals', 'Profile to update', 'Assigned', 'Done', 'Withdraw…']);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Withdraw…' }));
    expect(await screen.findByRole('dialog')).toHaveTextContent('Léa Martin');
  });

  it('Edit opens the card and starts editing its description', async () => {
    renderBoard({ user: manager });
    const menu = await openMenu(/^Léa Martin/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/101');
    await waitFor(() => expect(editStarted).toHaveBeenCalled());
  });
});
