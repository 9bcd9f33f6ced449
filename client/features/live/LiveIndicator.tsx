/**
 * The live feed's state, discreetly: nothing while connected, a small "Reconnecting…" pill
 * once it has been down for a moment. The status region is always there (empty when all is
 * well), so screen readers announce the pill when it appears.
 */
import { useTranslation } from 'react-i18next';
import './live.css';

export function LiveIndicator({ reconnecting }: { reconnecting: boolean }) {
  const { t } = useTranslation('board');
  return (
    <span className="live-status" role="status">
      {reconnecting && (
        <span className="live-pill" title={t('live.reconnectingHint')}>
          <span className="live-pill-dot" aria-hidden="true" />
          {t('live.reconnecting')}
        </span>
      )}
    </span>
  );
}
