/**
 * Puts focus back on a card after it moved or a dialog about it closed. Its element is a new
 * one when it changed column, so this waits for the board to re-render first: the query cache
 * notifies on a timeout, React renders right after, then the next frame finds the new element.
 * A long column renders only the cards in view: when the card is not in the page, the column
 * holding it scrolls to it first (see ColumnCards), and focus follows once it is rendered.
 */
type Revealer = (cardId: number) => boolean;
const revealers = new Set<Revealer>();

/** A long column offers to scroll a card of its own into the page; returns the unregistration. */
export function registerCardRevealer(reveal: Revealer): () => void {
  revealers.add(reveal);
  return () => revealers.delete(reveal);
}

function cardElement(cardId: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-card-id="${cardId}"]`);
}

/** How many frames focusCard waits for the card to be rendered (a move's re-render, a long column's scroll). */
const FRAMES = 12;

export function focusCard(cardId: number, onlyIfLost = false) {
  setTimeout(() => {
    let revealed = false;
    let frames = 0;
    const attempt = () => {
      const active = document.activeElement;
      if (onlyIfLost && active && active !== document.body) return;
      const element = cardElement(cardId);
      if (element) {
        // A card already in view takes focus where it is: the board does not scroll under the person (a column half in view stays so).
        const box = element.getBoundingClientRect();
        const inView = box.width > 0 && box.right > 0 && box.left < window.innerWidth && box.bottom > 0 && box.top < window.innerHeight;
        element.focus({ preventScroll: inView });
        return;
      }
      // Not in the page: in a long column, out of view (asked once), or not rendered yet.
      if (!revealed) revealed = [...revealers].some((reveal) => reveal(cardId));
      if (++frames < FRAMES) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, 0);
}
