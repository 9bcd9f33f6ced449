/**
 * While a card's detail is open, the page's header stays usable: the drawer's backdrop covers
 * it (the drawer is modal), so a click on the backdrop over a header control closes the card
 * and hands that control the click (a link navigates, a button does what it does).
 */
import { useEffect, useRef } from 'react';
import { guardCardClose } from '../card';

const BACKDROP = '.modal-layer-drawer > .modal-backdrop';
const CONTROL = 'a[href], button, select, input, [role="button"], [role="link"]';

export function useHeaderThroughDrawer(open: boolean, closeCard: () => void) {
  const close = useRef(closeCard);
  close.current = closeCard;
  useEffect(() => {
    if (!open) return;
    const onClick = (event: MouseEvent) => {
      const backdrop = event.target instanceof Element ? event.target.closest(BACKDROP) : null;
      const header = document.querySelector('.shell-header') ?? document.querySelector('body > * header');
      if (!backdrop || !header || typeof document.elementFromPoint !== 'function') return;
      const layer = backdrop.parentElement as HTMLElement;
      const before = layer.style.pointerEvents;
      layer.style.pointerEvents = 'none';
      const below = document.elementFromPoint(event.clientX, event.clientY);
      layer.style.pointerEvents = before;
      const control = below && header.contains(below) ? below.closest<HTMLElement>(CONTROL) : null;
      if (!control) return;
      event.stopPropagation();
      event.preventDefault();
      // Unsaved text in the card asks first (guardCardClose); then a link's navigation closes
      // the card by itself (another page, or the board without it), anything else closes it first.
      guardCardClose(() => {
        if (!control.matches('a[href], [role="link"]')) close.current();
        setTimeout(() => control.click(), 0);
      });
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [open]);
}
