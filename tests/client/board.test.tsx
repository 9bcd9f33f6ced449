import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../client/i18n';
import { useUi } from '../../client/stores/ui';
import { defenseBoard, julien, manager, renderBoard } from './boardFixtures';
import { serverRefusal } from './fakeApi';

// The card's detail and dialogs are another feature's; here they only need to be mounted.
vi.mock('../../client/features/card/CardDetailDrawer', () => ({
  CardDetailDrawer: ({ cardId }: { cardId: number }) => <aside aria-label="Card detail">card {cardId}</aside>,
}));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const column = (name: string) => screen.getByRole('region', { name });
const cardOf = (name: RegExp, scope: HTMLElement = document.body) => within(scope).getByRole('button', { name });

describe('the board', () => {
  it('shows the five columns in order, with their cards and counts', async () => {
    renderBoard();
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Drafts', 'Proposals', 'Profile to update', 'Assigned', 'Done']);
    expect(within(column('Drafts')).getByText('2 cards')).toBeInTheDocument();
    expect(cardOf(/^Léa Martin — DW-P2 — /, column('Drafts'))).toHaveAttribute('data-card-id', '101');
    expect(cardOf(/^Chloé Lefebvre — CPD-P1/, column('Proposals'))).toBeInTheDocument();
    expect(within(column('Done')).getByText('No cards here yet.')).toBeInTheDocument();
    expect(screen.getByText('5 cards')).toBeInTheDocument();
  });

  it('names the columns as the school does, in French', async () => {
    await i18n.changeLanguage('fr');
    renderBoard();
    await screen.findByRole('heading', { level: 1, name: 'Soutenances' });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Brouillons', 'Propositions de soutenances', 'Profil à mettre à jour', 'Attribuées', 'Terminées']);
    expect(screen.getByRole('button', { name: /Nouvelle soutenance/ })).toBeInTheDocument();
  });

  it('shows a calm skeleton while loading', async () => {
    renderBoard({ handlers: { 'board.get': () => new Promise(() => {}) } });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the board…');
  });

  it('says when the board cannot load, and tries again on request', async () => {
    let fail = true;
    renderBoard({
      handlers: {
        'board.get': () => {
          if (fail) throw serverRefusal('Database unavailable', { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 });
          return defenseBoard();
        },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The board could not be loaded.');
    expect(alert).toHaveTextContent('Database unavailable');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
  });

  it('opens a card on click, keeping the filters in the URL', async () => {
    renderBoard({ url: '/boards/1?path=1' });
    await userEvent.click(await screen.findByRole('button', { name: /^Léa Martin/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/101?path=1');
    // The detail is loaded with the first card opened.
    expect(await screen.findByRole('complementary', { name: 'Card detail' })).toHaveTextContent('card 101');
  });

  it('opens a card with Enter', async () => {
    renderBoard();
    const card = await screen.findByRole('button', { name: /^Hugo Durand/ });
    card.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/102');
  });

  it('opens the new-defense dialog', async () => {
    renderBoard();
    await userEvent.click(await screen.findByRole('button', { name: 'New defense' }));
    expect(useUi.getState().dialog).toEqual({ kind: 'newCard', boardId: 1 });
  });
});

describe('moving a card with the "Move to…" menu', () => {
  async function openMenuOf(name: RegExp) {
    const card = await screen.findByRole('button', { name });
    const item = card.closest('li')!;
    await userEvent.click(within(item).getByRole('button', { name: 'Card actions' }));
    return screen.getByRole('menu');
  }

  it('moves the card at once and asks the server, with the card version', async () => {
    const board = defenseBoard();
    const { calls } = renderBoard({
      handlers: {
        'board.get': () => board,
        'card.move': (input) => {
          // Slow enough for the test to see the card moved before the server answers.
          const moved = { ...board.cards[0]!, columnKey: input.toColumnKey, position: 'a5', version: 4 };
          board.cards[0] = moved;
          return new Promise((resolve) => setTimeout(() => resolve(moved), 50));
        },
      },
    });
    const menu = await openMenuOf(/^Léa Martin/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Proposals' }));
    expect(cardOf(/^Léa Martin/, column('Proposals'))).toBeInTheDocument();
    expect(screen.getByText('5 cards')).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'card.move')?.input).toEqual({ cardId: 101, toColumnKey: 'proposals', version: 3 });
    // Once the server has answered, the board is fetched again and the card stays put.
    await waitFor(() => expect(calls.filter((c) => c.path === 'board.get')).toHaveLength(2));
    expect(cardOf(/^Léa Martin/, column('Proposals'))).toBeInTheDocument();
  });

  it('explains, for each column, why a card cannot go there', async () => {
    renderBoard({ user: julien });
    const menu = await openMenuOf(/^Léa Martin/);
    const assigned = within(menu).getByRole('menuitem', { name: 'Assigned' });
    expect(assigned).toHaveAttribute('aria-disabled', 'true');
    expect(assigned).toHaveAccessibleDescription('Only a manager can assign a card.');
    expect(within(menu).getByRole('menuitem', { name: 'Drafts' })).toHaveAccessibleDescription('Current column');
    expect(within(menu).getByRole('menuitem', { name: 'Proposals' })).not.toHaveAttribute('aria-disabled');
  });

  it("does not let a mentor drag another mentor's card, but still opens it", async () => {
    renderBoard({ user: julien });
    const hugo = await screen.findByRole('button', { name: /^Hugo Durand/ });
    expect(hugo).not.toHaveAttribute('aria-roledescription');
    expect(screen.getByRole('button', { name: /^Léa Martin/ })).toHaveAttribute('aria-roledescription', 'draggable card');
  });

  it('opens the assign dialog instead of moving into Assigned', async () => {
    const { calls } = renderBoard({ user: manager });
    const menu = await openMenuOf(/^Chloé Lefebvre/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Assigned' }));
    expect(useUi.getState().dialog).toMatchObject({ kind: 'assign', cardId: 103 });
    expect(calls.some((c) => c.path === 'card.move')).toBe(false);
    expect(cardOf(/^Chloé Lefebvre/, column('Proposals'))).toBeInTheDocument();
  });

  it("puts the card back and shows the server's reason when the server refuses", async () => {
    let board = defenseBoard();
    renderBoard({
      user: julien,
      handlers: {
        'board.get': () => board,
        'card.move': () => {
          // The server keeps the card in Profile to update and says why.
          board = { ...board, cards: board.cards.map((c) => (c.id === 104 ? { ...c, missingFields: ['funding'] } : c)) };
          throw serverRefusal("The learner's profile is missing: funding.", { code: 'PRECONDITION_FAILED', rule: 'profile_incomplete', missingFields: ['funding'] });
        },
      },
    });
    const menu = await openMenuOf(/^Lucas Roux/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Proposals' }));
    await waitFor(() => expect(useUi.getState().toasts.map((t) => t.message)).toContain("The learner's profile is missing: funding."));
    await waitFor(() => expect(cardOf(/^Lucas Roux/, column('Profile to update'))).toBeInTheDocument());
    await waitFor(() => expect(within(column('Profile to update')).getByText('1 missing field')).toBeInTheDocument());
  });

  it('shows the card as the server has it when someone else moved it first (CONFLICT)', async () => {
    const board = defenseBoard();
    renderBoard({
      handlers: {
        'board.get': () => board,
        'card.move': () => {
          // Sophie moved it to Profile to update a moment ago: the server answers with the fresh card.
          const current = { ...board.cards[0]!, columnKey: 'profile_to_update' as const, position: 'a5', version: 4 };
          board.cards[0] = current;
          throw serverRefusal('This card was changed by someone else since you opened it.', { code: 'CONFLICT', httpStatus: 409, current });
        },
      },
    });
    const menu = await openMenuOf(/^Léa Martin/);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Proposals' }));
    await waitFor(() => expect(cardOf(/^Léa Martin/, column('Profile to update'))).toBeInTheDocument());
    expect(within(column('Proposals')).queryByRole('button', { name: /^Léa Martin/ })).not.toBeInTheDocument();
    await waitFor(() => expect(useUi.getState().toasts.some((t) => t.kind === 'error')).toBe(true));
  });

  it('closes with Escape and gives focus back to its button', async () => {
    renderBoard();
    const menu = await openMenuOf(/^Léa Martin/);
    // The first item (Open) has focus; arrows go round every item, disabled ones too.
    const items = within(menu).getAllByRole('menuitem');
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(items[2]).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(items[1]).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(items[items.length - 1]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(within(column('Drafts')).getAllByRole('button', { name: 'Card actions' })[0]).toHaveFocus();
  });
});

describe('keyboard dragging', () => {
  it('tells how to drag, and announces a pick-up with names and positions', async () => {
    renderBoard();
    const card = await screen.findByRole('button', { name: /^Léa Martin/ });
    expect(card).toHaveAccessibleDescription(/press Space to pick it up/);
    card.focus();
    await act(async () => {
      await userEvent.keyboard(' ');
    });
    await waitFor(() => expect(document.body).toHaveTextContent('Picked up Léa Martin in Drafts, position 1 of 2.'));
    // Columns that do not take the card say so while it is carried.
    expect(within(column('Done')).getByRole('note')).toHaveTextContent('Only an assigned card can move to Done.');
    await act(async () => {
      await userEvent.keyboard('{Escape}');
    });
    await waitFor(() => expect(document.body).toHaveTextContent('Moving cancelled. Léa Martin was dropped back in Drafts.'));
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});
