/**
 * With a card's detail open, the page's header can still be used: a click on the drawer's
 * backdrop over a header link closes the card and follows the link.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Link } from 'wouter';
import i18n from '../../client/i18n';
import { Modal } from '../../client/components/Modal';
import { BOARD_ROUTE, BoardPage } from '../../client/features/board/BoardPage';
import { catalog, defenseBoard, manager } from './boardFixtures';
import { renderWithApi } from './fakeApi';

vi.mock('../../client/features/card/CardDetailDrawer', () => ({
  CardDetailDrawer: ({ cardId, onClose }: { cardId: number; onClose: () => void }) => (
    <Modal variant="drawer" labelledBy="drawer-title" onClose={onClose} className="card-drawer">
      <h2 id="drawer-title">Card {cardId}</h2>
    </Modal>
  ),
}));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

beforeEach(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => {
  // jsdom has no layout: elementFromPoint is the test's.
  delete (document as { elementFromPoint?: unknown }).elementFromPoint;
});

function renderWithHeader(url: string) {
  return renderWithApi(
    <>
      <header className="shell-header">
        <nav aria-label="Main">
          <Link href="/learners">Learners</Link>
        </nav>
      </header>
      <BoardPage user={manager} />
    </>,
    { handlers: { 'board.get': () => defenseBoard(), 'catalog.get': () => catalog }, route: url, path: BOARD_ROUTE },
  );
}

describe('the header while a card is open', () => {
  it('follows a header link clicked over the backdrop, closing the card', async () => {
    renderWithHeader('/boards/1/cards/101');
    await screen.findByRole('dialog', { name: 'Card 101' });
    const link = screen.getByRole('link', { name: 'Learners', hidden: true });
    document.elementFromPoint = () => link;
    const backdrop = document.querySelector('.modal-layer-drawer > .modal-backdrop')!;
    fireEvent.click(backdrop, { clientX: 40, clientY: 20 });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/learners$/));
  });

  it('still closes the card on a click on the backdrop elsewhere', async () => {
    renderWithHeader('/boards/1/cards/101');
    await screen.findByRole('dialog', { name: 'Card 101' });
    document.elementFromPoint = () => document.querySelector('.board-columns');
    fireEvent.click(document.querySelector('.modal-layer-drawer > .modal-backdrop')!, { clientX: 400, clientY: 400 });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/boards\/1$/));
  });
});
