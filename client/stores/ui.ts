/**
 * UI state only (server data lives in TanStack Query): the drag in progress, open dialogs,
 * toasts. One store of typed slices; actions are named as events.
 */
import { create, type StateCreator } from 'zustand';

export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  message: string;
}

interface ToastSlice {
  toasts: Toast[];
  toastShown: (kind: Toast['kind'], message: string) => void;
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

export type UiState = ToastSlice & DialogSlice & DragSlice;

let toastSeq = 0;

const toastSlice: StateCreator<UiState, [], [], ToastSlice> = (set) => ({
  toasts: [],
  toastShown: (kind, message) => {
    const id = ++toastSeq;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 8000 : 4000);
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

export const useUi = create<UiState>()((...a) => ({ ...toastSlice(...a), ...dialogSlice(...a), ...dragSlice(...a) }));
