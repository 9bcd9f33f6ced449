/**
 * The live feed's state, discreetly: nothing while connected, a small "Reconnecting…" pill
 * once it has been down for a moment. The status region is always there (empty when all is
 * well), so screen readers announce the pill when it appears; its data-state says where
 * the feed is (connecting, live, reconnecting), for tests and tools to wait on.
 */
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from './useBoardEvents';
import './live.css';

export function LiveIndicator({ status: { reconnecting, state } }: { status: LiveStatus }) {
  const { t } = useTranslation('board');
  return (
    <span className="live-status" role="status" data-state={state}>
      {reconnecting && (
        <span className="live-pill" title={t('live.reconnectingHint')}>
          <span className="live-pill-dot" aria-hidden="true" />
          {t('live.reconnecting')}
        </span>
      )}
    </span>
  );
}
