/**
 * A card on the board: the face, draggable (mouse, touch, keyboard) when the rules let
 * this user move it somewhere, clickable to open, and its "Move to…" menu, the way to
 * move it without dragging (WCAG 2.5.7). The menu button sits beside the draggable
 * element, not inside it, so no control is nested in another.
 */
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { COLUMN_KEYS, columnName, type BoardKind, type ColumnKey, type Locale } from '../../../shared/workflow/boards';
import { canDragCard, cardFacts, dropRules, type DropRule } from '../../../shared/workflow/drop';
import type { Actor } from '../../../shared/workflow/rules';
import { MenuButton, type MenuItem } from '../../components/MenuButton';
import { useUi } from '../../stores/ui';
import type { CardData } from '../../trpc';
import { learnerName, type BoardLearner } from '../../lib/boardData';
import type { Person, Project } from '../../lib/catalog';
import { CardFace, cardDetails, cardLabel } from './CardFace';
import { refusalText } from './refusal';
import { opensOutcome } from './useBoardMoves';
import { cardActions, type CardAction } from './cardMenu';

interface Props {
  card: CardData;
  learner: BoardLearner | undefined;
  project: Project | undefined;
  assignee: Person | undefined;
  kind: BoardKind;
  locale: Locale;
  actor: Actor;
  onOpen: (cardId: number) => void;
  onMoveTo: (card: CardData, to: ColumnKey, name: string) => void;
  /** The menu's other actions (open, edit, assign, outcome…), see cardMenu. */
  onAction: (card: CardData, action: CardAction, name: string) => void;
  /** In a long column (see ColumnCards): the card's index in the whole column, its offset, the column's size, and the height probe. */
  virtualIndex?: number | undefined;
  virtualTop?: number | undefined;
  setSize?: number | undefined;
  measure?: ((node: Element | null) => void) | undefined;
}

/**
 * The list item: what dnd-kit moves. It re-renders whenever the drag changes (dnd-kit's
 * context), so it does little itself; the card inside re-renders only when its own props do.
 */
export const SortableCard = memo(function SortableCard({ card, learner, project, assignee, kind, locale, actor, onOpen, onMoveTo, onAction, virtualIndex, virtualTop, setSize, measure }: Props) {
  const { t } = useTranslation('board');
  const rules = useMemo(() => dropRules(actor, cardFacts(card, kind)), [actor, card, kind]);
  const draggable = canDragCard(rules);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: 'card' },
    disabled: { draggable: !draggable, droppable: false },
    attributes: { roleDescription: t('dnd.roleDescription') },
  });
  // Someone else just changed this card: a moment's highlight (see useBoardEvents).
  const flashed = useUi((s) => s.flashedCards[card.id] === true);
  const ref = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      measure?.(node);
    },
    [setNodeRef, measure],
  );
  const virtual = virtualIndex !== undefined;
  const classes = ['board-card-item', isDragging ? 'board-card-item-dragging' : '', draggable ? '' : 'board-card-item-locked', flashed ? 'board-card-item-flash' : ''];
  return (
    <li
      ref={ref}
      className={classes.filter(Boolean).join(' ')}
      style={{ transform: CSS.Translate.toString(transform), transition, ...(virtual ? { top: virtualTop } : {}) }}
      data-card-item={card.id}
      data-index={virtualIndex}
      aria-posinset={virtual ? virtualIndex + 1 : undefined}
      aria-setsize={virtual ? setSize : undefined}
    >
      <CardBody
        card={card}
        learner={learner}
        project={project}
        assignee={assignee}
        kind={kind}
        locale={locale}
        actor={actor}
        rules={rules}
        draggable={draggable}
        attributes={attributes}
        listeners={listeners}
        setActivatorNodeRef={setActivatorNodeRef}
        onOpen={onOpen}
        onMoveTo={onMoveTo}
        onAction={onAction}
        t={t}
      />
    </li>
  );
});

interface BodyProps extends Omit<Props, 'virtualIndex' | 'virtualTop' | 'setSize' | 'measure'> {
  rules: Record<ColumnKey, DropRule>;
  draggable: boolean;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  /** The list item's own, passed down: one useTranslation per card rather than two. */
  t: TFunction;
}

const CardBody = memo(function CardBody({ card, learner, project, assignee, kind, locale, actor, rules, draggable, attributes, listeners, setActivatorNodeRef, onOpen, onMoveTo, onAction, t }: BodyProps) {
  const name = learnerName(learner) ?? t('card.unknownLearner');
  const detailsId = `card-${card.id}-details`;
  const nameId = `card-${card.id}-name`;

  // Asked for only when the menu opens: five refusal texts per card are not worth making for every card of the board.
  const menuItems = (): MenuItem[] => {
    const actions = cardActions(actor, card, kind);
    const action = (key: CardAction): MenuItem => ({ key, label: t(`menu.${key}`), onSelect: () => onAction(card, key, name) });
    return [...actions.first.map(action), ...moveItems(), ...actions.rest.map(action)];
  };
  const moveItems = (): MenuItem[] =>
    COLUMN_KEYS.map((key) => {
      const rule = rules[key];
      const here = key === card.columnKey;
      const outcome = !here && opensOutcome(actor, card, key);
      return {
        key,
        label: columnName(kind, key, locale),
        current: here,
        disabled: here || (!rule.allowed && !outcome),
        description: here
          ? t('card.here')
          : outcome
            ? t('card.outcomeVia')
            : !rule.allowed
            ? refusalText(rule, { kind, from: card.columnKey, to: key, byManager: actor.role === 'manager' }, t, locale)
            : rule.action === 'assign'
              ? t(kind === 'defense' ? 'card.assignVia_defense' : 'card.assignVia_transfer')
              : undefined,
        group: t('card.moveTo'),
        onSelect: () => onMoveTo(card, key, name),
      };
    });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Space picks the card up (the keyboard sensor); Enter opens it, unless a card is being carried.
    if (event.key === 'Enter' && useUi.getState().draggingCardId === null) {
      event.preventDefault();
      onOpen(card.id);
      return;
    }
    listeners?.onKeyDown?.(event);
  }

  const describedBy = [draggable ? attributes['aria-describedby'] : null, detailsId].filter(Boolean).join(' ');
  return (
    <>
      <div
        ref={setActivatorNodeRef}
        {...(draggable ? attributes : {})}
        {...(draggable ? listeners : {})}
        role="button"
        tabIndex={0}
        aria-disabled={undefined}
        aria-label={cardLabel(card, learner, project, locale, t, assignee)}
        aria-describedby={describedBy}
        data-card-id={card.id}
        className="board-card"
        onClick={() => onOpen(card.id)}
        onKeyDown={onKeyDown}
      >
        <CardFace card={card} learner={learner} project={project} assignee={assignee} locale={locale} />
        <span id={detailsId} hidden>
          {cardDetails(card, assignee, t)}
        </span>
        <span id={nameId} hidden>
          {name}
        </span>
      </div>
      <MenuButton className="board-card-menu" label={t('card.actions')} title={t('card.actionsMenu', { name })} items={menuItems} describedBy={nameId}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <circle cx="3.5" cy="8" r="1.4" fill="currentColor" />
          <circle cx="8" cy="8" r="1.4" fill="currentColor" />
          <circle cx="12.5" cy="8" r="1.4" fill="currentColor" />
        </svg>
      </MenuButton>
    </>
  );
});
