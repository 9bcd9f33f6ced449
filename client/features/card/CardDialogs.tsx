/**
 * The assign, outcome and new-card dialogs, whichever useUi().dialog names. Each is loaded
 * when first opened, not with the board (a few milliseconds from the same server).
 */
import { Suspense } from 'react';
import { lazyWithStrings } from '../../i18n';
import { useUi } from '../../stores/ui';

const AssignDialog = lazyWithStrings('card', () => import('./AssignDialog').then((m) => m.AssignDialog));
const NewCardDialog = lazyWithStrings('card', () => import('./NewCardDialog').then((m) => m.NewCardDialog));
const OutcomeDialog = lazyWithStrings('card', () => import('./OutcomeDialog').then((m) => m.OutcomeDialog));

export function CardDialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.dialogClosed);
  if (!dialog) return null;
  return <Suspense fallback={null}>{dialogFor(dialog, close)}</Suspense>;
}

function dialogFor(dialog: NonNullable<ReturnType<typeof useUi.getState>['dialog']>, close: () => void) {
  switch (dialog.kind) {
    case 'assign':
      return dialog.cardId ? <AssignDialog key={`assign-${dialog.cardId}`} cardId={dialog.cardId} onClose={close} /> : null;
    case 'outcome':
      return dialog.cardId ? <OutcomeDialog key={`outcome-${dialog.cardId}`} cardId={dialog.cardId} onClose={close} /> : null;
    case 'newCard':
      return dialog.boardId ? (
        <NewCardDialog key={`new-${dialog.boardId}-${dialog.learnerId ?? ''}`} boardId={dialog.boardId} learnerId={dialog.learnerId} onClose={close} />
      ) : null;
    default:
      return null;
  }
}
