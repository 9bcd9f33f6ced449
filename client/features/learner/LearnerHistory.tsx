/** The learner's history of changes, newest first: who changed what, from what to what. */
import { useTranslation } from 'react-i18next';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';
import type { CatalogNames } from '../../lib/catalog';
import { displayValue } from './displayValue';
import type { Learner } from './learnerDraft';

export function LearnerHistory({ learner, names }: { learner: Learner; names: CatalogNames }) {
  const { t } = useTranslation('people');
  const locale = useLocale();
  const events = [...learner.history].reverse();
  return (
    <section className="panel" aria-labelledby="learner-history-title">
      <div className="panel-head">
        <h2 id="learner-history-title">{t('learner.history')}</h2>
      </div>
      {events.length === 0 ? (
        <p className="muted">{t('learner.noHistory')}</p>
      ) : (
        <ol className="timeline learner-timeline">
          {events.map((event) => {
            const data = (event.data ?? {}) as { changes?: Record<string, { from: unknown; to: unknown }> };
            const changes = Object.entries(data.changes ?? {});
            const actor = names.personName(event.actorId) ?? t('card:history.system');
            return (
              <li key={event.id} className="timeline-item">
                <span className="timeline-dot" aria-hidden="true" />
                <span className="timeline-text">
                  {event.type === 'mentor_changed' ? t('learner.handover', { actor }) : t('learner.updatedBy', { actor })}
                </span>
                <span className="timeline-time">
                  {' · '}
                  <time dateTime={event.at} title={formatInstant(event.at, locale, 'medium')}>{relativeTime(event.at, locale)}</time>
                </span>
                {changes.length > 0 && (
                  <ul className="change-list">
                    {changes.map(([field, change]) => (
                      <li key={field}>
                        <span className="change-field">{t(`learner.labels.${field}`, { defaultValue: field })}</span>{' '}
                        <span className="change-from">{displayValue(field, change.from, t, names)}</span>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> {t('learner.to')} </span>
                        <span className="change-to">{displayValue(field, change.to, t, names)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
