import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardDetail } from '../../trpc';
import { CalendarIcon, LockIcon } from '../../components/icons';
import { formatDay, formatInstant, instantElsewhere, useLocale, viewerTimeZone } from '../../lib/format';

/** The date the card is about, locked: nobody may change it once filed. */
export function CardLockedDate({ card, learnerTimeZone }: { card: CardDetail; learnerTimeZone?: string | null }) {
  const { t } = useTranslation('card');
  const locale = useLocale();
  const explainId = useId();
  const isDefense = card.kind === 'defense';
  const date = isDefense ? card.defenseDate : card.handoverDate;
  const flags = card.flags ?? [];
  // The learner's own clock, when it reads another hour than the reader's.
  const learnerTime = isDefense && date ? instantElsewhere(date, locale, learnerTimeZone) : null;
  return (
    <section className="locked-date" aria-labelledby={`${explainId}-label`} aria-describedby={explainId}>
      <span className="locked-date-icon" aria-hidden="true"><CalendarIcon size={18} /></span>
      <div className="locked-date-main">
        <p className="locked-date-label" id={`${explainId}-label`}>
          {isDefense ? t('detail.defenseDate') : t('detail.handoverDate')}
        </p>
        <p className="locked-date-value">
          {date ? (isDefense ? formatInstant(date, locale) : formatDay(date, locale, 'full')) : t('detail.noDate')}
          {date && isDefense && <span className="locked-date-tz"> ({viewerTimeZone()})</span>}
        </p>
        {date && isDefense && learnerTime && (
          <p className="locked-date-learner">{t('detail.learnerTime', { time: learnerTime, zone: learnerTimeZone })}</p>
        )}
        <p className="locked-date-explain" id={explainId}>
          <LockIcon size={13} />
          <span>{isDefense ? t('detail.defenseLocked') : t('detail.handoverLocked')}</span>
        </p>
      </div>
      {flags.length > 0 && (
        <ul className="chip-list locked-date-flags" aria-label={t('detail.flags')}>
          {flags.map((f) => (
            <li key={f} className={`badge badge-${f}`}>{t(`flags.${f}`)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
