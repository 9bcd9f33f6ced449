/**
 * Why a column refuses a card, in the viewer's language. In English the rule's own
 * sentence is shown (it is the server's, word for word); in French the sentence is
 * rebuilt from the rule and the move, since shared/workflow speaks English only.
 */
import type { TFunction } from 'i18next';
import { columnName, type BoardKind, type ColumnKey, type Locale } from '../../../shared/workflow/boards';
import type { DropRule } from '../../../shared/workflow/drop';

type Refusal = Extract<DropRule, { allowed: false }>;

export interface RefusalContext {
  kind: BoardKind;
  from: ColumnKey;
  to: ColumnKey;
  byManager: boolean;
}

export function refusalText(refusal: Refusal, ctx: RefusalContext, t: TFunction, locale: Locale): string {
  if (locale === 'en') return refusal.message;
  const name = (key: ColumnKey) => columnName(ctx.kind, key, locale);
  const fields = (refusal.missing ?? []).map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ');
  switch (refusal.rule) {
    case 'move_not_allowed':
      if (ctx.from === 'done') return t('board:refusals.closed');
      if (ctx.to === 'assigned') return t('board:refusals.managerAssigns');
      if (ctx.to === 'profile_to_update') return t('board:refusals.managerSendsToProfile', { column: name(ctx.to) });
      if (ctx.to === 'done') {
        return ctx.byManager
          ? t('board:refusals.onlyAssignedToDone', { column: name(ctx.to) })
          : t('board:refusals.evaluatorCloses', { column: name(ctx.to) });
      }
      return t('board:refusals.mentorMove', { from: name(ctx.from), to: name(ctx.to) });
    case 'card_not_ready':
      return t('board:refusals.notReady', { column: name(ctx.to), fields });
    default:
      return t(`common:errors.${refusal.rule}`, { fields, reasons: '', defaultValue: refusal.message });
  }
}
