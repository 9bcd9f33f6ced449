/**
 * A modal surface (centred dialog or right-side drawer) that behaves as WAI-ARIA's dialog
 * pattern asks: labelled, focus moved in and kept in, Escape closes the topmost one only,
 * focus returned to where it was on close.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './modal.css';

/** Open modals, innermost last: only the last one answers Escape. */
const openStack: string[] = [];

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && el.getAttribute('aria-hidden') !== 'true');
}

export interface ModalProps {
  /** The id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  onClose: () => void;
  variant?: 'dialog' | 'drawer';
  size?: 'sm' | 'md' | 'lg';
  /** Where focus goes on open: the first control (or one marked data-autofocus), or the panel itself (long content, e.g. a drawer). */
  initialFocus?: 'first' | 'panel';
  className?: string;
  children: ReactNode;
}

export function Modal({ labelledBy, describedBy, onClose, variant = 'dialog', size = 'md', initialFocus = 'first', className, children }: ModalProps) {
  const key = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openStack.push(key);
    const root = panel.current;
    if (root) {
      const preferred = root.querySelector<HTMLElement>('[data-autofocus]');
      (initialFocus === 'panel' ? root : preferred ?? focusables(root)[0] ?? root).focus();
    }
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && openStack[openStack.length - 1] === key) {
        e.stopPropagation();
        close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      const at = openStack.lastIndexOf(key);
      if (at >= 0) openStack.splice(at, 1);
      // Focus goes back to what opened the dialog, if it is still on the page.
      if (previous && previous.isConnected) previous.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Content that loads after opening replaces what held focus; keep focus inside the topmost dialog.
  useEffect(() => {
    const root = panel.current;
    if (!root || openStack[openStack.length - 1] !== key) return;
    const active = document.activeElement;
    if (!active || active === document.body || !root.contains(active)) {
      const preferred = root.querySelector<HTMLElement>('[data-autofocus]');
      (preferred ?? root).focus();
    }
  });

  const trapTab = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || !panel.current || openStack[openStack.length - 1] !== key) return;
    const items = focusables(panel.current);
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className={`modal-layer modal-layer-${variant}`}>
      <div className="modal-backdrop" aria-hidden="true" onClick={() => close.current()} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`modal-panel modal-${variant} modal-${size}${className ? ` ${className}` : ''}`}
        onKeyDown={trapTab}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
