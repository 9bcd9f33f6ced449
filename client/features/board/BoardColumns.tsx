/**
 * The columns and the drag, after dnd-kit's MultipleContainers story: pointer, touch and
 * keyboard sensors (arrow keys as in the story's coordinate getter, see keyboardCoordinates), a sortable list per column, the carried card drawn in a DragOverlay
 * portalled to the body, the items moved between columns while dragging (onDragOver) and
 * put back on cancel. What differs from the story: every column is asked (through
 * shared/workflow/drop) whether it takes the card in hand; one that does not is dimmed,
 * says why, and never receives the card, not even in passing.
 */
import {
  closestCenter,
  DndContext,
  DragOverlay,
  getFirstCollision,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { COLUMN_KEYS, columnName, type BoardKind, type ColumnKey, type Locale } from '../../../shared/workflow/boards';
import {
  cardFacts,
  columnOfDropId,
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
import { useUi } from '../../stores/ui';
import type { CardData } from '../../trpc';
import { BoardColumn } from './BoardColumn';
import { learnerName, type BoardLearner } from '../../lib/boardData';
import type { Person, Project } from '../../lib/catalog';
import { CardFace, estimateCardHeight } from './CardFace';
import { VIRTUAL_FROM, type EstimateCard, type RenderCard } from './ColumnCards';
import { boardKeyboardCoordinates } from './keyboardCoordinates';
import { refusalText } from './refusal';
import { SortableCard } from './SortableCard';
import type { useBoardMoves } from './useBoardMoves';

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

const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

export interface Lookups {
  cards: ReadonlyMap<number, CardData>;
  learners: ReadonlyMap<number, BoardLearner>;
  projects: ReadonlyMap<number, Project>;
  people: ReadonlyMap<number, Person>;
}

interface Props {
  kind: BoardKind;
  locale: Locale;
  columns: readonly { key: ColumnKey }[];
  /** Every card per column, in order: what the server knows. */
  all: ColumnItems;
  /** The cards the filters let through, per column, in order. */
  visible: ColumnItems;
  filtered: boolean;
  lookups: Lookups;
  actor: Actor;
  moves: ReturnType<typeof useBoardMoves>;
  onOpen: (cardId: number) => void;
}

type Outcome = { text: string } | null;

export function BoardColumns({ kind, locale, columns, all, visible, filtered, lookups, actor, moves, onOpen }: Props) {
  const { t } = useTranslation('board');
  const [items, setItems] = useState<ColumnItems | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [overColumn, setOverColumn] = useState<ColumnKey | null>(null);
  const shown = items ?? visible;
  const snapshot = useRef<ColumnItems | null>(null);
  const origin = useRef<DropTarget | null>(null);
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const recentlyMovedToNewColumn = useRef(false);
  const dragStarted = useUi((s) => s.dragStarted);
  const dragEnded = useUi((s) => s.dragEnded);

  const activeCard = activeId !== null ? lookups.cards.get(activeId) : undefined;
  const rules = useMemo(() => (activeCard ? dropRules(actor, cardFacts(activeCard, kind)) : null), [activeCard, actor, kind]);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still opens the card.
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    // Space picks up; Enter is left to open the card (see SortableCard), and drops.
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

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

  /*
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

  // What the handlers know when dnd-kit calls the announcements right after them.
  const live = useRef({ shown, rules, outcome: null as Outcome });
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

  function handleDragEnd({ active, over }: DragEndEvent) {
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
        live.current.outcome = {
          text: t('dnd.moved', { name, column: columnLabel(outcome.to.columnKey), position: outcome.to.index + 1, total: column.length }),
        };
        moves.commitMove(card, outcome.to.columnKey, serverIndex(all[outcome.to.columnKey], column, id));
        break;
      }
    }
    finish();
  }

  function handleDragCancel({ active }: { active: { id: UniqueIdentifier } }) {
    const start = origin.current;
    live.current.outcome = { text: t('dnd.cancelled', { name: nameOf(active.id), column: start ? columnLabel(start.columnKey) : '' }) };
    // Rendering from the board data again is the restore: the drag only ever moved a copy.
    finish();
  }

  const onMoveTo = moves.requestMove;
  const renderCard: RenderCard = useCallback(
    (id, place) => {
      const card = lookups.cards.get(id);
      if (!card) return null;
      return (
        <SortableCard
          key={id}
          card={card}
          learner={lookups.learners.get(card.learnerId)}
          project={card.projectId !== null ? lookups.projects.get(card.projectId) : undefined}
          assignee={assigneeOf(card, lookups.people)}
          kind={kind}
          locale={locale}
          actor={actor}
          onOpen={onOpen}
          onMoveTo={onMoveTo}
          virtualIndex={place?.index}
          virtualTop={place?.top}
          setSize={place?.setSize}
          measure={place?.measure}
        />
      );
    },
    [lookups, kind, locale, actor, onOpen, onMoveTo],
  );

  const estimateCard: EstimateCard = useCallback(
    (id) => {
      const card = lookups.cards.get(id);
      return card ? estimateCardHeight(card, assigneeOf(card, lookups.people)) : 104;
    },
    [lookups],
  );

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart({ active }) {
        const at = positionOf(live.current.shown, Number(active.id));
        if (!at) return undefined;
        return t('dnd.pickedUp', {
          name: nameOf(active.id),
          column: columnLabel(at.columnKey),
          position: at.index + 1,
          total: live.current.shown[at.columnKey].length,
        });
      },
      onDragOver({ active, over }) {
        const name = nameOf(active.id);
        if (!over) return t('dnd.overNothing', { name });
        const current = live.current.shown;
        const to = findColumn(current, over.id);
        const rule = to ? live.current.rules?.[to] : undefined;
        if (!to || !rule) return undefined;
        if (!rule.allowed) return t('dnd.overRefused', { name, column: columnLabel(to), reason: reasonFor(rule, to) });
        const target = dropTarget(current, Number(active.id), over.id) ?? { columnKey: to, index: 0 };
        const others = current[to].filter((cardId) => cardId !== Number(active.id)).length;
        return t('dnd.over', { name, column: columnLabel(to), position: target.index + 1, total: others + 1 });
      },
      onDragEnd() {
        return live.current.outcome?.text;
      },
      onDragCancel() {
        return live.current.outcome?.text;
      },
    }),
    [t, nameOf, columnLabel, reasonFor],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      // Measured from the start of a drag and whenever the droppables change during it (a card
      // changing column, a long column scrolling new cards in); the story's Always also measures
      // every card while nobody drags, which a board of thousands pays for on every render.
      measuring={MEASURING}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
      onDragStart={handleDragStart}
      onDragOver={handleDragOver}
      onDragEnd={handleDragEnd}
      onDragCancel={handleDragCancel}
    >
      {/* Focusable so the board scrolls sideways from the keyboard even when no card is shown (axe: scrollable-region-focusable). */}
      <div className="board-columns" role="group" aria-label={t('header.columns')} tabIndex={0}>
        {columns.map(({ key }) => {
          const rule = rules?.[key];
          const drop = !rule
            ? null
            : rule.allowed
              ? { allowed: true as const, assign: rule.action === 'assign' }
              : { allowed: false as const, reason: reasonFor(rule, key) };
          return (
            <BoardColumn
              key={key}
              kind={kind}
              columnKey={key}
              name={columnLabel(key)}
              items={shown[key]}
              total={all[key].length}
              shown={visible[key].length}
              filtered={filtered}
              drop={drop}
              isOver={overColumn === key}
              // By the column as the filters leave it, not as the drag changes it, so a list never switches mode mid-drag.
              virtual={visible[key].length > VIRTUAL_FROM}
              activeId={activeId}
              renderCard={renderCard}
              estimateCard={estimateCard}
            />
          );
        })}
      </div>
      {createPortal(
        <DragOverlay>
          {activeCard ? (
            <div className="board-card board-card-overlay" aria-hidden="true">
              <CardFace
                card={activeCard}
                learner={lookups.learners.get(activeCard.learnerId)}
                project={activeCard.projectId !== null ? lookups.projects.get(activeCard.projectId) : undefined}
                assignee={assigneeOf(activeCard, lookups.people)}
                locale={locale}
              />
            </div>
          ) : null}
        </DragOverlay>,
        document.body,
      )}
    </DndContext>
  );
}

export function assigneeOf(card: CardData, people: ReadonlyMap<number, Person>): Person | undefined {
  const id = card.kind === 'defense' ? card.evaluatorId : card.newMentorId;
  return id !== null ? people.get(id) : undefined;
}
