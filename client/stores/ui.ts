/**
 * UI state only (server data lives in TanStack Query): the drag in progress, open dialogs,
 * toasts. One store of typed slices; actions are named as events.
 */
import { create, type StateCreator } from 'zustand';

export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  message: string;
  /** A button in the toast (e.g. "Undo"); using it dismisses the toast. */
  action?: { label: string; run: () => void };
}

export interface ToastOptions {
  action?: Toast['action'];
  /** How long it stays, in ms (by default 8 s for an error, 4 s otherwise). */
  duration?: number;
}

interface ToastSlice {
  toasts: Toast[];
  toastShown: (kind: Toast['kind'], message: string, options?: ToastOptions) => void;
  toastDismissed: (id: number) => void;
}

interface DialogSlice {
  /** The card whose assign / outcome / new-card dialog is open, if any. */
  dialog: { kind: 'assign' | 'outcome' | 'newCard'; cardId?: number; boardId?: number; learnerId?: number } | null;
  dialogOpened: (dialog: NonNullable<DialogSlice['dialog']>) => void;
  dialogClosed: () => void;
}

interface DragSlice {
  draggingCardId: number | null;
  dragStarted: (cardId: number) => void;
  dragEnded: () => void;
}

interface LiveSlice {
  /** Cards someone else just changed, highlighted for a moment (see useBoardEvents). */
  flashedCards: Readonly<Record<number, true>>;
  cardChangedElsewhere: (cardId: number) => void;
}

export type UiState = ToastSlice & DialogSlice & DragSlice & LiveSlice;

let toastSeq = 0;

const toastSlice: StateCreator<UiState, [], [], ToastSlice> = (set) => ({
  toasts: [],
  toastShown: (kind, message, options = {}) => {
    const id = ++toastSeq;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message, ...(options.action ? { action: options.action } : {}) }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), options.duration ?? (kind === 'error' ? 8000 : 4000));
  },
  toastDismissed: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});

const dialogSlice: StateCreator<UiState, [], [], DialogSlice> = (set) => ({
  dialog: null,
  dialogOpened: (dialog) => set({ dialog }),
  dialogClosed: () => set({ dialog: null }),
});

const dragSlice: StateCreator<UiState, [], [], DragSlice> = (set) => ({
  draggingCardId: null,
  dragStarted: (cardId) => set({ draggingCardId: cardId }),
  dragEnded: () => set({ draggingCardId: null }),
});

/** How long a card changed by someone else stays highlighted; the CSS animation lasts as long. */
export const FLASH_MS = 1600;
const flashTimers = new Map<number, ReturnType<typeof setTimeout>>();

const liveSlice: StateCreator<UiState, [], [], LiveSlice> = (set) => ({
  flashedCards: {},
  cardChangedElsewhere: (cardId) => {
    clearTimeout(flashTimers.get(cardId));
    set((s) => (s.flashedCards[cardId] ? s : { flashedCards: { ...s.flashedCards, [cardId]: true } }));
    flashTimers.set(
      cardId,
      setTimeout(() => {
        flashTimers.delete(cardId);
        set((s) => {
          const { [cardId]: _gone, ...rest } = s.flashedCards;
          return { flashedCards: rest };
        });
      }, FLASH_MS),
    );
  },
});

export const useUi = create<UiState>()((...a) => ({ ...toastSlice(...a), ...dialogSlice(...a), ...dragSlice(...a), ...liveSlice(...a) }));
