/** The assign, outcome and new-card dialogs, whichever useUi().dialog names. */
import { useUi } from '../../stores/ui';
import { AssignDialog } from './AssignDialog';
import { NewCardDialog } from './NewCardDialog';
import { OutcomeDialog } from './OutcomeDialog';

export function CardDialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.dialogClosed);
  if (!dialog) return null;
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
