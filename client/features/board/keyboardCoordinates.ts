/**
 * Where the arrow keys take a carried card, after the coordinate getter of dnd-kit's
 * MultipleContainers story: Up and Down move between the cards of a column; Left and
 * Right jump to the next column wholly to that side (sortable's own getter would treat
 * the padding of the card's own column as "to the left" and stay in it).
 */
import { closestCorners, getFirstCollision, KeyboardCode, type DroppableContainer, type KeyboardCoordinateGetter } from '@dnd-kit/core';

const DIRECTIONS: string[] = [KeyboardCode.Down, KeyboardCode.Right, KeyboardCode.Up, KeyboardCode.Left];

export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context: { active, droppableRects, droppableContainers, collisionRect, over } }) => {
  if (!DIRECTIONS.includes(event.code)) return undefined;
  event.preventDefault();
  if (!active || !collisionRect) return undefined;

  const candidates: DroppableContainer[] = [];
  droppableContainers.getEnabled().forEach((entry) => {
    if (!entry || entry.disabled || entry.id === active.id) return;
    const rect = droppableRects.get(entry.id);
    if (!rect) return;
    const isColumn = entry.data.current?.type === 'column';
    const cardsInColumn = isColumn ? ((entry.data.current?.cardCount as number | undefined) ?? 0) : 0;
    switch (event.code) {
      case KeyboardCode.Down:
        // A column holding cards is reached through its cards, not its own box.
        if (!(isColumn && cardsInColumn > 0) && collisionRect.top < rect.top) candidates.push(entry);
        break;
      case KeyboardCode.Up:
        if (!(isColumn && cardsInColumn > 0) && collisionRect.top > rect.top) candidates.push(entry);
        break;
      case KeyboardCode.Left:
        if (collisionRect.left >= rect.left + rect.width) candidates.push(entry);
        break;
      case KeyboardCode.Right:
        if (collisionRect.left + collisionRect.width <= rect.left) candidates.push(entry);
        break;
    }
  });

  const collisions = closestCorners({ active, collisionRect, droppableRects, droppableContainers: candidates, pointerCoordinates: null });
  let closestId = getFirstCollision(collisions, 'id');
  if (closestId === over?.id && collisions.length > 1) closestId = collisions[1]!.id;
  if (closestId == null) return undefined;

  const target = droppableContainers.get(closestId);
  const rect = target ? droppableRects.get(target.id) : null;
  if (!target || !rect) return undefined;
  // Into a column: just below its header, where its first card sits.
  if (target.data.current?.type === 'column') return { x: rect.left + 8, y: rect.top + 44 };
  return { x: rect.left, y: rect.top };
};
