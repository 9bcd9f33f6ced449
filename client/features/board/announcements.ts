/**
 * What screen readers hear during a drag (dnd-kit's live region): where the card was picked
 * up, where it is over and whether that column takes it, and how the drag ended.
 */
import type { Announcements, UniqueIdentifier } from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { ColumnKey } from '../../../shared/workflow/boards';
import { dropTarget, findColumn, positionOf, type ColumnItems, type DropRule } from '../../../shared/workflow/drop';

/** What the drag handlers know when dnd-kit calls the announcements right after them. */
export interface DragNow {
  shown: ColumnItems;
  rules: Record<ColumnKey, DropRule> | null;
  /** The sentence the drop or the cancel left, set by the drag's handlers. */
  outcome: { text: string } | null;
}

interface Words {
  t: TFunction;
  nameOf: (id: UniqueIdentifier) => string;
  columnLabel: (key: ColumnKey) => string;
  reasonFor: (rule: Extract<DropRule, { allowed: false }>, to: ColumnKey) => string;
}

export function boardAnnouncements(now: { current: DragNow }, { t, nameOf, columnLabel, reasonFor }: Words): Announcements {
  return {
    onDragStart({ active }) {
      const at = positionOf(now.current.shown, Number(active.id));
      if (!at) return undefined;
      return t('dnd.pickedUp', {
        name: nameOf(active.id),
        column: columnLabel(at.columnKey),
        position: at.index + 1,
        total: now.current.shown[at.columnKey].length,
      });
    },
    onDragOver({ active, over }) {
      const name = nameOf(active.id);
      if (!over) return t('dnd.overNothing', { name });
      const current = now.current.shown;
      const to = findColumn(current, over.id);
      const rule = to ? now.current.rules?.[to] : undefined;
      if (!to || !rule) return undefined;
      if (!rule.allowed) return t('dnd.overRefused', { name, column: columnLabel(to), reason: reasonFor(rule, to) });
      const target = dropTarget(current, Number(active.id), over.id) ?? { columnKey: to, index: 0 };
      const others = current[to].filter((cardId) => cardId !== Number(active.id)).length;
      return t('dnd.over', { name, column: columnLabel(to), position: target.index + 1, total: others + 1 });
    },
    onDragEnd() {
      return now.current.outcome?.text;
    },
    onDragCancel() {
      return now.current.outcome?.text;
    },
  };
}
