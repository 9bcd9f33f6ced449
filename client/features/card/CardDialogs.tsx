/** Placeholder: the assign, outcome and new-card dialogs, opened through useUi().dialog. */
export function CardDialogs() {
  return null;
}
