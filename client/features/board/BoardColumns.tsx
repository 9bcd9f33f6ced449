/**
 * The columns and the drag, after dnd-kit's MultipleContainers story: a sortable list per
 * column, the carried card drawn in a DragOverlay portalled to the body. The drag itself
 * (sensors, collisions, what each column says to the card in hand, the drop) is
 * useBoardDrag's: a column that refuses the card is dimmed and says why.
 */
import { DndContext, DragOverlay } from '@dnd-kit/core';
import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { BoardKind, ColumnKey, Locale } from '../../../shared/workflow/boards';
import type { ColumnItems } from '../../../shared/workflow/drop';
import type { Actor } from '../../../shared/workflow/rules';
import { BoardColumn } from './BoardColumn';
import { CardFace, estimateCardHeight } from './CardFace';
import { ConfirmMoveDialog } from './ConfirmMoveDialog';
import { useCardMenu } from './cardMenu';
import { VIRTUAL_FROM, type EstimateCard, type RenderCard } from './ColumnCards';
import { assigneeOf, type Lookups } from './lookups';
import { SortableCard } from './SortableCard';
import { useBoardDrag } from './useBoardDrag';
import { opensOutcome, type useBoardMoves } from './useBoardMoves';

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

export function BoardColumns({ kind, locale, columns, all, visible, filtered, lookups, actor, moves, onOpen }: Props) {
  const { t } = useTranslation('board');
  const drag = useBoardDrag({ kind, locale, all, visible, lookups, actor, moves });
  const { shown, activeId, activeCard, overColumn, rules, columnLabel, reasonFor } = drag;

  const onMoveTo = moves.requestMove;
  const menu = useCardMenu({ onOpen });
  const onAction = menu.run;
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
          onAction={onAction}
          virtualIndex={place?.index}
          virtualTop={place?.top}
          setSize={place?.setSize}
          measure={place?.measure}
        />
      );
    },
    [lookups, kind, locale, actor, onOpen, onMoveTo, onAction],
  );

  const estimateCard: EstimateCard = useCallback(
    (id) => {
      const card = lookups.cards.get(id);
      return card ? estimateCardHeight(card, assigneeOf(card, lookups.people)) : 104;
    },
    [lookups],
  );

  return (
    <DndContext {...drag.context}>
      {/* Focusable so the board scrolls sideways from the keyboard even when no card is shown (axe: scrollable-region-focusable). */}
      <div className="board-columns" role="group" aria-label={t('header.columns')} tabIndex={0}>
        {columns.map(({ key }) => {
          const rule = rules?.[key];
          const drop = !rule
            ? null
            : rule.allowed
              ? { allowed: true as const, assign: rule.action === 'assign' }
              : activeCard && opensOutcome(actor, activeCard, key)
                ? { allowed: true as const, assign: false }
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
      {/* How a move ended (the server kept it, or why not): the drag's own region only hears the drop. */}
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-board-moves="">
        {moves.announcement}
      </p>
      {menu.dialog}
      {moves.confirming && <ConfirmMoveDialog request={moves.confirming} lookups={lookups} onConfirm={moves.confirmPending} onCancel={moves.cancelPending} />}
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
