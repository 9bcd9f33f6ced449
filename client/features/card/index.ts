/**
 * What the card feature offers the other features: the card's detail drawer and the
 * dialogs useUi().dialog opens (assign, outcome, new card). Each loads its code, and the
 * card strings, when first shown, not with the board.
 */
import { lazyWithStrings } from '../../i18n';

export { CardDialogs } from './CardDialogs';
/** For what closes the card drawer from outside it: asks "Discard your changes?" first when it holds unsaved text. */
export { guardCardClose } from './unsaved';

// The card's detail (and the Markdown it renders) is fetched when a card is first opened.
export const CardDetailDrawer = lazyWithStrings('card', () => import('./CardDetailDrawer').then((m) => m.CardDetailDrawer));
