/**
 * Collision strategy, after the story: with a pointer (mouse, touch), the droppables under
 * it (pointerWithin: exact, and a column's box never moves sideways, so the card cannot
 * bounce between two columns); a pointer over none (a gap between columns, off the
 * board) changes nothing. The story falls back to the droppables the carried card
 * overlaps there, and in a gap between two full columns that fallback bounces the card
 * from one to the other as each move shifts their cards, until React gives up. Without a
 * pointer (the keyboard), the droppables the carried card overlaps (rectIntersection).
 * A hit on a column that holds cards is refined to its closest card, so the card lands
 * between the right neighbours; with no hit at all the last one stands, so the card does
 * not flicker while it crosses a gap or settles into a new column.
 */
import { closestCenter, getFirstCollision, pointerWithin, rectIntersection, type CollisionDetection, type UniqueIdentifier } from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { COLUMN_KEYS } from '../../../shared/workflow/boards';
import { columnOfDropId, type ColumnItems } from '../../../shared/workflow/drop';

/**
 * The board's collision detection over the cards `shown`, with what it remembers between
 * calls: the last droppable hit, and whether the card just moved to a new column (set by
 * the drag, cleared a frame after `items` changes).
 */
export function useCollisionDetection(shown: ColumnItems, items: ColumnItems | null, activeId: number | null) {
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const recentlyMovedToNewColumn = useRef(false);
  const shownSets = useMemo(() => new Map(COLUMN_KEYS.map((key) => [key, new Set(shown[key])])), [shown]);

  const collisionDetection: CollisionDetection = useCallback(
    (args) => {
      // The pointer is tested against the five columns only, and the column it is in against
      // its own cards (closestCenter below): a long column's hundreds of card rects are not
      // each measured on every pointer move.
      const hits = args.pointerCoordinates ? pointerWithin({ ...args, droppableContainers: args.droppableContainers.filter((c) => columnOfDropId(c.id) !== null) }) : rectIntersection(args);
      let overId = getFirstCollision(hits, 'id');
      if (overId != null) {
        const key = columnOfDropId(overId);
        const inShown = key ? shownSets.get(key) : undefined;
        if (inShown && inShown.size > 0) {
          const inColumn = args.droppableContainers.filter((c) => c.id !== overId && inShown.has(Number(c.id)));
          overId = closestCenter({ ...args, droppableContainers: inColumn })[0]?.id ?? overId;
        }
        lastOverId.current = overId;
        return [{ id: overId }];
      }
      // Just moved to a new column: its layout is not measured yet, keep the card where it is.
      if (recentlyMovedToNewColumn.current) lastOverId.current = activeId;
      return lastOverId.current != null ? [{ id: lastOverId.current }] : [];
    },
    [shownSets, activeId],
  );

  useEffect(() => {
    requestAnimationFrame(() => {
      recentlyMovedToNewColumn.current = false;
    });
  }, [items]);

  return { collisionDetection, lastOverId, recentlyMovedToNewColumn };
}
