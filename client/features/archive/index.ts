/**
 * What the archive feature offers: a card's withdraw / archive / restore controls for its
 * drawer, the board's "Archived" switch (with the board's own strings) and its Archived
 * view. The drawer's controls and the view load their code, and the lifecycle strings,
 * when first shown.
 */
import { lazyWithStrings } from '../../i18n';

export { ArchivedToggle, isArchivedView } from './ArchivedToggle';
export const CardLifecycle = lazyWithStrings('lifecycle', () => import('./CardLifecycle').then((m) => m.CardLifecycle));
export const OffBoardDialog = lazyWithStrings('lifecycle', () => import('./CardLifecycle').then((m) => m.OffBoardDialog));
export const ArchivedView = lazyWithStrings('lifecycle', () => import('./ArchivedView').then((m) => m.ArchivedView));
