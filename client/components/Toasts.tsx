import { useTranslation } from 'react-i18next';
import { useUi } from '../stores/ui';
import './toasts.css';

/** Messages from the server (refusals, confirmations), announced politely to screen readers. */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.toastDismissed);
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`}>
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="btn toast-action"
              onClick={() => {
                dismiss(toast.id);
                toast.action!.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button className="btn btn-ghost" onClick={() => dismiss(toast.id)} aria-label={t('actions.dismiss')}>×</button>
        </div>
      ))}
    </div>
  );
}
