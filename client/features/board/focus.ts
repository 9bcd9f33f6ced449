/**
 * Puts focus back on a card after it moved or a dialog about it closed. Its element is a new
 * one when it changed column, so this waits for the board to re-render first: the query cache
 * notifies on a timeout, React renders right after, then the next frame finds the new element.
 */
export function focusCard(cardId: number, onlyIfLost = false) {
  setTimeout(() => {
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (onlyIfLost && active && active !== document.body) return;
      document.querySelector<HTMLElement>(`[data-card-id="${cardId}"]`)?.focus();
    });
  }, 0);
}
