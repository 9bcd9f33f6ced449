/**
 * How a drag starts, after dnd-kit's MultipleContainers story: pointer (mouse and pen),
 * touch after a press, and the keyboard (arrow keys as in the story's coordinate getter,
 * see keyboardCoordinates); and when the droppables are measured.
 */
import { KeyboardSensor, MeasuringStrategy, PointerSensor, TouchSensor, useSensor, useSensors } from '@dnd-kit/core';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { boardKeyboardCoordinates } from './keyboardCoordinates';

/**
 * The pointer sensor for mouse and pen only: on a touch screen a finger that moves should
 * scroll the board, so touch goes to the TouchSensor below, which waits for a press.
 */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: ReactPointerEvent) => event.isPrimary && event.button === 0 && event.pointerType !== 'touch',
    },
  ];
}

/**
 * Measured from the start of a drag and whenever the droppables change during it (a card
 * changing column, a long column scrolling new cards in); the story's Always also measures
 * every card while nobody drags, which a board of thousands pays for on every render.
 */
export const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

export function useBoardSensors() {
  return useSensors(
    // A few pixels of travel before a drag starts, so a click still opens the card.
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    // Space picks up; Enter is left to open the card (see SortableCard), and drops.
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );
}
