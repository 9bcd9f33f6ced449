/**
 * Typed text is never thrown away silently: a form with unsaved changes says so
 * (useUnsaved), and closing what holds it (Escape, a click outside, the close button)
 * first asks "Discard your changes?" (useUnsavedGuard and its DiscardConfirm).
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';

interface Registry {
  set: (key: string, dirty: boolean) => void;
}

const UnsavedContext = createContext<Registry | null>(null);

/** Marks the caller's form as holding unsaved changes while `dirty`, for the drawer or dialog around it. */
export function useUnsaved(dirty: boolean) {
  const registry = useContext(UnsavedContext);
  const key = useId();
  useEffect(() => {
    registry?.set(key, dirty);
  }, [registry, key, dirty]);
  useEffect(() => () => registry?.set(key, false), [registry, key]);
}

/**
 * For a drawer or dialog: `close` closes at once when nothing is unsaved, else asks first;
 * `dirty` adds the holder's own state (a dialog's fields). Render `provide(children)` and `confirm`.
 */
export function useUnsavedGuard(onClose: () => void, dirty = false) {
  const open = useRef(new Set<string>());
  const [asking, setAsking] = useState<null | (() => void)>(null);
  const ownDirty = useRef(dirty);
  ownDirty.current = dirty;
  const registry = useMemo<Registry>(
    () => ({
      set: (key, isDirty) => {
        if (isDirty) open.current.add(key);
        else open.current.delete(key);
      },
    }),
    [],
  );
  /** Runs `then` (closing, by default) now, or once the person confirms discarding their changes. */
  const guard = useCallback(
    (then: () => void = onClose) => {
      if (ownDirty.current || open.current.size > 0) setAsking(() => then);
      else then();
    },
    [onClose],
  );
  const close = useCallback(() => guard(), [guard]);
  const confirm = asking ? (
    <DiscardConfirm
      onKeep={() => setAsking(null)}
      onDiscard={() => {
        setAsking(null);
        asking();
      }}
    />
  ) : null;
  const provide = (children: ReactNode) => <UnsavedContext.Provider value={registry}>{children}</UnsavedContext.Provider>;
  return { close, guard, confirm, provide };
}

/** "Discard your changes?" — Keep editing (the default, and Escape) or Discard. */
export function DiscardConfirm({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const { t } = useTranslation('card');
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={onKeep} size="sm" className="discard-confirm">
      <div className="modal-head">
        <h2 id={`${id}-title`}>{t('discard.title')}</h2>
      </div>
      <div className="modal-body">
        <p id={`${id}-body`}>{t('discard.body')}</p>
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" data-autofocus onClick={onKeep}>{t('discard.keep')}</button>
        <button type="button" className="btn btn-danger" onClick={onDiscard}>{t('discard.discard')}</button>
      </div>
    </Modal>
  );
}

/** The open card drawer's guard, for what closes it from outside (a link in the header, a route change). */
let drawerGuard: ((then: () => void) => void) | null = null;

/** Registers the drawer's guard while it is open (CardDetailDrawer). */
export function useDrawerGuard(guard: (then: () => void) => void) {
  useEffect(() => {
    drawerGuard = guard;
    return () => {
      if (drawerGuard === guard) drawerGuard = null;
    };
  }, [guard]);
}

/** Runs `then` now, or once the person agrees to discard what the open card drawer holds unsaved. */
export function guardCardClose(then: () => void) {
  if (drawerGuard) drawerGuard(then);
  else then();
}
