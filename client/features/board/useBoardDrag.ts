/**
 * The drag in progress, after dnd-kit's MultipleContainers story: the items moved between
 * columns while dragging (onDragOver) and put back on cancel. What differs from the story:
 * every column is asked (through shared/workflow/drop) whether it takes the card in hand;
 * one that does not never receives the card, not even in passing. The drop is resolved by
 * the same rules (resolveDrop) and handed to the moves (useBoardMoves).
 */
import type { DragEndEvent, DragOverEvent, DragStartEvent, UniqueIdentifier } from '@dnd-kit/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnName, type BoardKind, type ColumnKey, type Locale } from '../../../shared/workflow/boards';
import {
  cardFacts,
  dropRules,
  dropTarget,
  findColumn,
  moveItem,
  positionOf,
  resolveDrop,
  serverIndex,
  type ColumnItems,
  type DropRule,
  type DropTarget,
} from '../../../shared/workflow/drop';
import type { Actor } from '../../../shared/workflow/rules';
import { learnerName } from '../../lib/boardData';
import { useUi } from '../../stores/ui';
import { boardAnnouncements, type DragNow } from './announcements';
import { focusCard } from './focus';
import type { Lookups } from './lookups';
import { useCollisionDetection } from './collision';
import { MEASURING, useBoardSensors } from './dragSensors';
import { refusalText } from './refusal';
import { isHandover, opensOutcome, type useBoardMoves } from './useBoardMoves';

interface Options {
  kind: BoardKind;
  locale: Locale;
  /** Every card per column, in order: what the server knows. */
  all: ColumnItems;
  /** The cards the filters let through, per column, in order. */
  visible: ColumnItems;
  lookups: Lookups;
  actor: Actor;
  moves: ReturnType<typeof useBoardMoves>;
}

/** After a drop: a keyboard drag keeps focus on its card wherever it is drawn; a pointer drag gives it back only if it fell to the page. */
function refocus(cardId: number, activatorEvent: Event | null) {
  focusCard(cardId, !(typeof KeyboardEvent !== 'undefined' && activatorEvent instanceof KeyboardEvent));
}

export function useBoardDrag({ kind, locale, all, visible, lookups, actor, moves }: Options) {
  const { t } = useTranslation('board');
  const [items, setItems] = useState<ColumnItems | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [overColumn, setOverColumn] = useState<ColumnKey | null>(null);
  const shown = items ?? visible;
  const snapshot = useRef<ColumnItems | null>(null);
  const origin = useRef<DropTarget | null>(null);
  const dragStarted = useUi((s) => s.dragStarted);
  const dragEnded = useUi((s) => s.dragEnded);
  const sensors = useBoardSensors();
  const { collisionDetection, lastOverId, recentlyMovedToNewColumn } = useCollisionDetection(shown, items, activeId);

  const activeCard = activeId !== null ? lookups.cards.get(activeId) : undefined;
  const rules = useMemo(() => (activeCard ? dropRules(actor, cardFacts(activeCard, kind)) : null), [activeCard, actor, kind]);

  const nameOf = useCallback(
    (id: UniqueIdentifier) => {
      const card = lookups.cards.get(Number(id));
      return (card && learnerName(lookups.learners.get(card.learnerId))) ?? t('card.unknownLearner');
    },
    [lookups, t],
  );
  const columnLabel = useCallback((key: ColumnKey) => columnName(kind, key, locale), [kind, locale]);
  const reasonFor = useCallback(
    (rule: Extract<DropRule, { allowed: false }>, to: ColumnKey) =>
      refusalText(rule, { kind, from: activeCard?.columnKey ?? to, to, byManager: actor.role === 'manager' }, t, locale),
    [kind, activeCard, actor, t, locale],
  );

  // What the handlers know when dnd-kit calls the announcements right after them.
  const live = useRef<DragNow>({ shown, rules, outcome: null });
  live.current.shown = shown;
  live.current.rules = rules;

  function handleDragStart({ active }: DragStartEvent) {
    const id = Number(active.id);
    snapshot.current = visible;
    origin.current = positionOf(visible, id);
    live.current.outcome = null;
    setItems(visible);
    setActiveId(id);
    dragStarted(id);
  }

  function handleDragOver({ active, over }: DragOverEvent) {
    const id = Number(active.id);
    const current = live.current.shown;
    const to = over ? findColumn(current, over.id) : null;
    setOverColumn(to);
    if (!over || !to || !rules || !snapshot.current) return;
    if (!rules[to].allowed) {
      // A refusing column never holds the card, even in passing: it goes back home meanwhile.
      if (findColumn(current, id) !== origin.current?.columnKey) {
        recentlyMovedToNewColumn.current = true;
        setItems(snapshot.current);
      }
      return;
    }
    const from = findColumn(current, id);
    if (!from || from === to) return;
    const translated = active.rect.current.translated;
    const below = !!translated && translated.top > over.rect.top + over.rect.height;
    const target = dropTarget(current, id, over.id, below);
    if (!target) return;
    recentlyMovedToNewColumn.current = true;
    setItems(moveItem(current, id, target));
  }

  function finish() {
    setItems(null);
    setActiveId(null);
    setOverColumn(null);
    snapshot.current = null;
    lastOverId.current = null;
    dragEnded();
  }

  function handleDragEnd({ active, over, activatorEvent }: DragEndEvent) {
    const id = Number(active.id);
    const card = lookups.cards.get(id);
    const current = live.current.shown;
    const start = origin.current;
    if (!card || !start || !rules) {
      finish();
      return;
    }
    const name = nameOf(id);
    let target: DropTarget | null = null;
    if (over) {
      const translated = active.rect.current.translated;
      target = dropTarget(current, id, over.id, !!translated && translated.top > over.rect.top + over.rect.height);
    }
    const outcome = resolveDrop(start, target, rules);
    const home = columnLabel(start.columnKey);
    switch (outcome.kind) {
      case 'none':
        live.current.outcome = { text: t('dnd.droppedBack', { name, column: home }) };
        break;
      case 'refused': {
        if (opensOutcome(actor, card, outcome.to)) {
          live.current.outcome = { text: t('dnd.outcome', { name, column: home }) };
          moves.openOutcome(card);
          break;
        }
        const reason = reasonFor(outcome.rule, outcome.to);
        live.current.outcome = { text: t('dnd.refused', { name, column: home, reason }) };
        useUi.getState().toastShown('error', reason);
        break;
      }
      case 'assign':
        live.current.outcome = { text: t(kind === 'defense' ? 'dnd.assign_defense' : 'dnd.assign_transfer', { name, column: home }) };
        moves.openAssign(card);
        break;
      case 'move': {
        const after = moveItem(current, id, outcome.to);
        const column = after[outcome.to.columnKey];
        const words = { name, column: columnLabel(outcome.to.columnKey), position: outcome.to.index + 1, total: column.length };
        // The drop is only asked for: the board's live region tells how it ended once the server has answered.
        live.current.outcome = { text: isHandover(card, outcome.to.columnKey) ? t('dnd.confirmHandover', { name }) : t('dnd.moving', words) };
        moves.announce('');
        moves.move({
          card,
          to: outcome.to.columnKey,
          toIndex: serverIndex(all[outcome.to.columnKey], column, id),
          name,
          onSettled: (result) => moves.announce(result.ok ? t('dnd.moved', words) : t('dnd.notMoved', { name, column: words.column, reason: result.reason })),
        });
        break;
      }
    }
    finish();
    // The card's element is drawn anew where it lands: focus stays with the card (a dialog takes it otherwise).
    const dialog =
      outcome.kind === 'assign' ||
      (outcome.kind === 'move' && isHandover(card, outcome.to.columnKey)) ||
      (outcome.kind === 'refused' && opensOutcome(actor, card, outcome.to));
    if (!dialog) refocus(id, activatorEvent);
  }

  function handleDragCancel({ active, activatorEvent }: { active: { id: UniqueIdentifier }; activatorEvent: Event | null }) {
    const start = origin.current;
    live.current.outcome = { text: t('dnd.cancelled', { name: nameOf(active.id), column: start ? columnLabel(start.columnKey) : '' }) };
    // Rendering from the board data again is the restore: the drag only ever moved a copy.
    finish();
    refocus(Number(active.id), activatorEvent);
  }

  const announcements = useMemo(() => boardAnnouncements(live, { t, nameOf, columnLabel, reasonFor }), [t, nameOf, columnLabel, reasonFor]);

  return {
    shown,
    activeId,
    activeCard,
    overColumn,
    rules,
    columnLabel,
    reasonFor,
    /** The DndContext's props. */
    context: {
      sensors,
      collisionDetection,
      measuring: MEASURING,
      accessibility: { announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } },
      onDragStart: handleDragStart,
      onDragOver: handleDragOver,
      onDragEnd: handleDragEnd,
      onDragCancel: handleDragCancel,
    },
  };
}
