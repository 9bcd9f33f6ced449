/**
 * The bell in the header: the unread count in its name (see notificationList). Its panel (see
 * NotificationPanel) loads when first opened.
 */
import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../components/icons';
import { useNotificationList } from './notificationList';
import './notifications.css';

const NotificationPanel = lazy(() => import('./NotificationPanel').then((m) => ({ default: m.NotificationPanel })));

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const unread = useNotificationList().data?.unread ?? 0;

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <div className="bell">
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon size={19} />
        {unread > 0 && <span className="bell-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <Suspense fallback={null}>
          <NotificationPanel id={panelId} button={button} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
