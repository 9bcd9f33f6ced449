/**
 * One column: its name and count, its cards (scrolling within the column), its empty
 * state, and, while a card is carried, whether it takes that card and why not.
 */
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import type { BoardKind, ColumnKey } from '../../../shared/workflow/boards';
import { columnDropId, type CardId } from '../../../shared/workflow/drop';
import { ColumnCards, type EstimateCard, type RenderCard } from './ColumnCards';

interface Props {
  kind: BoardKind;
  columnKey: ColumnKey;
  name: string;
  items: CardId[];
  /** Cards in the column, filters aside. */
  total: number;
  /** Cards shown once the filters apply (the drag aside). */
  shown: number;
  filtered: boolean;
  /** While a card is carried: null when not dragging; else what this column says to it. */
  drop: null | { allowed: true; assign: boolean } | { allowed: false; reason: string };
  isOver: boolean;
  /** Render only the cards in view (a long column, see ColumnCards). */
  virtual: boolean;
  activeId: number | null;
  renderCard: RenderCard;
  estimateCard: EstimateCard;
}

export function BoardColumn({ kind, columnKey, name, items, total, shown, filtered, drop, isOver, virtual, activeId, renderCard, estimateCard }: Props) {
  const { t } = useTranslation('board');
  const { setNodeRef } = useDroppable({ id: columnDropId(columnKey), data: { type: 'column', cardCount: items.length } });
  const headingId = `column-${columnKey}-title`;
  const reasonId = `column-${columnKey}-reason`;
  const refuses = drop !== null && !drop.allowed;
  const classes = [
    'board-column',
    drop ? 'board-column-dragging' : '',
    refuses ? 'board-column-refuses' : '',
    drop?.allowed ? 'board-column-accepts' : '',
    isOver ? 'board-column-over' : '',
  ].filter(Boolean);
  const countLabel = filtered ? t('column.countFiltered', { shown, total }) : t('column.count', { count: total });

  return (
    <section
      ref={setNodeRef}
      className={classes.join(' ')}
      aria-labelledby={headingId}
      aria-describedby={refuses ? reasonId : undefined}
      title={refuses ? drop.reason : undefined}
      data-column={columnKey}
    >
      <header className="board-column-header">
        <h2 id={headingId} className="board-column-title">
          {name}
        </h2>
        <span className="board-column-count" aria-hidden="true" title={countLabel}>
          {filtered ? `${shown}/${total}` : total}
        </span>
        <span className="sr-only">{countLabel}</span>
      </header>
      {refuses && (
        <p id={reasonId} className="board-column-refusal" role="note">
          <strong>{t('column.refuses')}</strong>
          <span>{drop.reason}</span>
        </p>
      )}
      {drop?.allowed && drop.assign && columnKey === 'assigned' && (
        <p className="board-column-hint">{t(kind === 'defense' ? 'column.dropToAssign_defense' : 'column.dropToAssign_transfer')}</p>
      )}
      <SortableContext id={columnKey} items={items} strategy={verticalListSortingStrategy}>
        {items.length > 0 ? (
          <ColumnCards items={items} label={t('column.cards', { column: name })} activeId={activeId} virtual={virtual} renderCard={renderCard} estimateCard={estimateCard} />
        ) : (
          <p className="board-column-empty">
            {filtered && total > 0 ? t('column.emptyFiltered', { count: total }) : t('column.empty')}
          </p>
        )}
      </SortableContext>
    </section>
  );
}
