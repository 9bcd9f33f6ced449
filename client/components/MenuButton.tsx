/**
 * A button that opens a menu of actions (WAI-ARIA menu button pattern): arrow keys move
 * between items, Home/End jump, Escape closes and gives focus back to the button. A
 * disabled item stays focusable so its reason (the item's description) can be read.
 * The menu is portalled to the body, so a scrolling or clipping container cannot cut it.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './menu.css';

export interface MenuItem {
  key: string;
  label: string;
  /** Shown under the label; for a disabled item, why it is disabled. */
  description?: string;
  disabled?: boolean;
  /** Marks the item as the current choice (e.g. the column the card is in). */
  current?: boolean;
  /** Items with the same group, one after another, are shown together under that name (e.g. "Move to…"). */
  group?: string;
  onSelect: () => void;
}

interface Props {
  /** The accessible name of the button and of the menu. */
  label: string;
  /** What the button shows (an icon, a word); `label` is read either way. */
  children: ReactNode;
  /** The items, or how to make them: a function is called only once the menu opens (a board has a menu per card). */
  items: MenuItem[] | (() => MenuItem[]);
  /** A heading shown at the top of the open menu. */
  title?: string;
  className?: string;
  /** Id of an element that tells what the menu acts on (e.g. the card's learner). */
  describedBy?: string;
}

const MENU_WIDTH = 280;

export function MenuButton({ label, children, items, title, className, describedBy }: Props) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top?: number; bottom?: number; left: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 8));
    const below = window.innerHeight - rect.bottom;
    setPlace(below < 300 && rect.top > below ? { bottom: window.innerHeight - rect.top + 4, left } : { top: rect.bottom + 4, left });
  }, [open]);

  useEffect(() => {
    if (!open || !place) return;
    const first = menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ??
      menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]');
    first?.focus();
  }, [open, place]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menuRef.current?.contains(target) || buttonRef.current?.contains(target)) return;
      close(false);
    };
    // The menu is placed once; if what is under it moves, it closes rather than float away.
    const onScroll = (event: Event) => {
      if (menuRef.current?.contains(event.target as Node)) return;
      close(false);
    };
    const onResize = () => close(false);
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
    };
  }, [open, close]);

  function onMenuKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const all = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focus(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(all.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={`ui-menu-button ${className ?? ''}`}
        aria-label={label}
        aria-describedby={describedBy}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children}
      </button>
      {open &&
        createPortal(
          <div
            ref={menuRef}
            id={menuId}
            role="menu"
            aria-label={label}
            className="ui-menu"
            style={{ width: MENU_WIDTH, left: place?.left ?? -9999, top: place?.top, bottom: place?.bottom, visibility: place ? 'visible' : 'hidden' }}
            onKeyDown={onMenuKeyDown}
          >
            {title && (
              <div className="ui-menu-title" aria-hidden="true">
                {title}
              </div>
            )}
            {groupItems(typeof items === 'function' ? items() : items).map((run) =>
              run.group ? (
                <div key={`group-${run.items[0]!.key}`} role="group" aria-label={run.group} className="ui-menu-group">
                  <div className="ui-menu-title" aria-hidden="true">
                    {run.group}
                  </div>
                  {run.items.map((item) => (
                    <MenuEntry key={item.key} item={item} menuId={menuId} onDone={() => close(true)} />
                  ))}
                </div>
              ) : (
                run.items.map((item) => <MenuEntry key={item.key} item={item} menuId={menuId} onDone={() => close(true)} />)
              ),
            )}
          </div>,
          document.body,
        )}
    </>
  );
}

/** Consecutive items of the same group, together. */
function groupItems(items: MenuItem[]): { group: string | undefined; items: MenuItem[] }[] {
  const runs: { group: string | undefined; items: MenuItem[] }[] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && last.group === item.group) last.items.push(item);
    else runs.push({ group: item.group, items: [item] });
  }
  return runs;
}

function MenuEntry({ item, menuId, onDone }: { item: MenuItem; menuId: string; onDone: () => void }) {
  const labelId = `${menuId}-${item.key}-label`;
  const descriptionId = `${menuId}-${item.key}-desc`;
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={`ui-menu-item${item.current ? ' ui-menu-item-current' : ''}`}
      aria-disabled={item.disabled || undefined}
      aria-current={item.current || undefined}
      aria-labelledby={labelId}
      aria-describedby={item.description ? descriptionId : undefined}
      onClick={() => {
        if (item.disabled) return;
        onDone();
        item.onSelect();
      }}
    >
      <span id={labelId} className="ui-menu-item-label">
        {item.label}
      </span>
      {item.description && (
        <span id={descriptionId} className="ui-menu-item-description">
          {item.description}
        </span>
      )}
    </button>
  );
}
