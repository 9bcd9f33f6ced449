/** Placeholder: the card detail drawer, shown at /boards/:boardId/cards/:cardId. */
export function CardDetailDrawer(_: { cardId: number; boardId: number; onClose: () => void }) {
  return null;
}
