/**
 * A column's list of cards. Up to VIRTUAL_FROM cards it is a plain list, every card in the
 * page; past that, only the cards in view (and a few either side) are, so a 1,000-card
 * column costs what a dozen cards do (@tanstack/react-virtual, measured heights).
 *
 * What a long column keeps from a short one:
 * - the sortable context holds every id of the column, so indexes, positions and the
 *   announcements ("position 12 of 1,000") are the whole column's;
 * - the card in hand stays in the page wherever it is scrolled to (the drag's source);
 *   so does the card holding focus (a card, or its "Move to…" menu), so focus never drops;
 * - the cards are in normal order in the page (each li says its place with aria-posinset),
 *   keep their data-card-id, and Tab and the browser's scrolling bring the next ones in;
 * - a card asked for by id (focusCard, after a move) is scrolled into the page first.
 */
import { defaultRangeExtractor, elementScroll, observeElementRect, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import type { CardId } from '../../../shared/workflow/drop';
import { registerCardRevealer } from './focus';

/** Above this many cards, a column renders only what is in view. */
export const VIRTUAL_FROM = 60;
/** A card's height before it is measured, when the card is not known. */
const ESTIMATED_CARD = 104;
const GAP = 8;
/** Cards rendered beyond each edge of the view: the keyboard and Tab find the next card already there. */
const OVERSCAN = 3;

/** Where a card of a long column sits: its index in the whole column and its offset in the list. */
export interface VirtualPlace {
  index: number;
  top: number;
  setSize: number;
  measure: (node: Element | null) => void;
}

export type RenderCard = (id: CardId, place?: VirtualPlace) => ReactNode;
/** A card's height before it is measured (see estimateCardHeight). */
export type EstimateCard = (id: CardId) => number;

interface Props {
  items: CardId[];
  label: string;
  /** The card being dragged, if any: kept in the page. */
  activeId: number | null;
  virtual: boolean;
  renderCard: RenderCard;
  estimateCard: EstimateCard;
}

export function ColumnCards({ items, label, activeId, virtual, renderCard, estimateCard }: Props) {
  if (!virtual) {
    return (
      <ul className="board-column-cards" aria-label={label}>
        {items.map((id) => renderCard(id))}
      </ul>
    );
  }
  return <VirtualCards items={items} label={label} activeId={activeId} renderCard={renderCard} estimateCard={estimateCard} />;
}

/*
 * Sizes come from a ResizeObserver, after the browser has laid the cards out: reading them
 * as each card mounts (the library's default) forces a layout per column while the board
 * first renders. Until then a card counts its estimate, and the column the window's height.
 */
function measureCard(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const key = instance.options.getItemKey(instance.indexFromElement(element));
  return instance.itemSizeCache.get(key) ?? (typeof ResizeObserver === 'undefined' ? (element as HTMLElement).offsetHeight : instance.options.estimateSize(instance.indexFromElement(element)));
}

function observeColumnRect(instance: Virtualizer<HTMLDivElement, Element>, onRect: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return observeElementRect(instance, onRect);
  const observer = new ResizeObserver(([entry]) => {
    if (entry) onRect({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

function VirtualCards({ items, label, activeId, renderCard, estimateCard }: Omit<Props, 'virtual'>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The card holding focus (itself or its menu), kept in the page while it does.
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  // The first render shows only the cards in view, so the board appears sooner; the few either side follow when the page is idle.
  const [warm, setWarm] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setWarm(true), { timeout: 300 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => setWarm(true), 100);
    return () => clearTimeout(id);
  }, []);
  // Whether the column has ever scrolled: until then, a scroll to the top is no scroll at all.
  const scrolled = useRef(false);

  const activeIndex = activeId !== null ? items.indexOf(activeId) : -1;
  const focusedIndex = focusedId !== null ? items.indexOf(focusedId) : -1;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      for (const keep of [activeIndex, focusedIndex]) {
        if (keep >= 0 && !indexes.includes(keep)) indexes.push(keep);
      }
      return indexes.sort((a, b) => a - b);
    },
    [activeIndex, focusedIndex],
  );

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    // Close estimates keep the scroll still as cards are measured (a correction above the view moves the column).
    estimateSize: (index) => {
      const id = itemsRef.current[index];
      return id === undefined ? ESTIMATED_CARD : estimateCard(id);
    },
    getItemKey: (index) => itemsRef.current[index] ?? index,
    overscan: warm ? OVERSCAN : 0,
    gap: GAP,
    paddingStart: 2,
    paddingEnd: 10,
    rangeExtractor,
    measureElement: measureCard,
    observeElementRect: observeColumnRect,
    // The library puts a new list where it already is (the top) as it mounts, which forces a layout per column.
    scrollToFn: (offset, options, instance) => {
      if (!scrolled.current && offset + (options.adjustments ?? 0) === 0) return;
      elementScroll(offset, options, instance);
    },
    // Until the column is measured: the window less the page's header, about the column's height.
    initialRect: { width: 0, height: typeof window === 'undefined' ? 600 : Math.max(300, window.innerHeight - 200) },
    // React 19 warns about flushSync inside effects; a frame's delay on scroll is invisible.
    useFlushSync: false,
  });

  // focusCard asks for a card by id: bring it into the page, then it can take focus.
  useEffect(
    () =>
      registerCardRevealer((cardId) => {
        const index = itemsRef.current.indexOf(cardId);
        if (index < 0) return false;
        virtualizer.scrollToIndex(index, { align: 'auto' });
        return true;
      }),
    [virtualizer],
  );

  function onFocus(event: FocusEvent<HTMLUListElement>) {
    const li = (event.target as HTMLElement).closest<HTMLElement>('li[data-card-item]');
    const id = li ? Number(li.dataset.cardItem) : NaN;
    if (Number.isInteger(id)) setFocusedId(id);
  }
  function onBlur(event: FocusEvent<HTMLUListElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedId(null);
  }

  return (
    <div ref={scrollRef} className="board-column-scroll" onScroll={() => (scrolled.current = true)}>
      <ul
        className="board-column-cards board-column-cards-virtual"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize() }}
        onFocus={onFocus}
        onBlur={onBlur}
      >
        {virtualizer.getVirtualItems().map((row) =>
          renderCard(items[row.index]!, { index: row.index, top: row.start, setSize: items.length, measure: virtualizer.measureElement }),
        )}
      </ul>
    </div>
  );
}
