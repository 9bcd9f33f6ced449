/** The audit trail's lines as a table (a card a line on a phone), with "Load more". */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';
import type { AuditType } from '../../../shared/schemas/audit';
import { auditActor, describeAuditEvent, shortUserAgent, type AuditItem, type AuditLookups } from './describe';

/** The time now, refreshed every minute, for "9 minutes ago". */
function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

interface TableProps {
  items: AuditItem[];
  lookups: AuditLookups;
  updating: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  loadMore: () => Promise<{ hasNextPage: boolean }>;
}

export function AuditTable({ items, lookups, updating, hasMore, loadingMore, moreError, loadMore }: TableProps) {
  const { t } = useTranslation('audit');
  const locale = useLocale();
  const now = useNow();
  const endRef = useRef<HTMLParagraphElement>(null);
  const [reachedEnd, setReachedEnd] = useState(false);

  // The button goes once the oldest line is shown: focus moves to the sentence that says so
  // (once it is on the page), rather than falling back to the top of the document.
  useEffect(() => {
    if (reachedEnd && !hasMore) {
      endRef.current?.focus();
      setReachedEnd(false);
    }
  }, [reachedEnd, hasMore]);

  const more = async () => {
    const result = await loadMore();
    if (!result.hasNextPage) setReachedEnd(true);
  };

  return (
    <>
      <div className="table-wrap audit-wrap" aria-busy={updating || undefined}>
        <table className="people-table audit-table">
          <caption className="sr-only">{t('columns.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.when')}</th>
              <th scope="col">{t('columns.what')}</th>
              <th scope="col">{t('columns.who')}</th>
              <th scope="col">{t('columns.where')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <AuditRow key={item.id} item={item} lookups={lookups} locale={locale} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="audit-foot">
        <p className="hint" role="status">
          {updating ? t('list.updating') : hasMore ? t('list.countMore', { count: items.length }) : t('list.count', { count: items.length })}
        </p>
        {moreError && <p className="callout callout-error" role="alert">{t('list.moreError', { message: moreError })}</p>}
        {hasMore ? (
          <button type="button" className="btn" onClick={() => void more()} disabled={loadingMore} aria-disabled={loadingMore || undefined}>
            {loadingMore ? t('list.loadingMore') : t('list.more')}
          </button>
        ) : (
          <p className="hint audit-end" ref={endRef} tabIndex={-1}>{t('list.end')}</p>
        )}
      </div>
    </>
  );
}

/** The colour of a line's mark: sessions, refusals (worth a look), changes; a type not listed here gets a plain one. */
const CATEGORY: Partial<Record<AuditType, 'session' | 'alarm' | 'change'>> = {
  sign_in: 'session',
  sign_out: 'session',
  sign_out_everywhere: 'session',
  sign_in_failed: 'alarm',
  rate_limited: 'alarm',
  mentor_updated: 'change',
  settings_changed: 'change',
};

function AuditRow({ item, lookups, locale, now }: { item: AuditItem; lookups: AuditLookups; locale: 'en' | 'fr'; now: number }) {
  const { t } = useTranslation('audit');
  const actor = auditActor(item, t);
  const agent = shortUserAgent(item.userAgent, t);
  return (
    <tr className={`audit-row audit-${CATEGORY[item.type as AuditType] ?? 'other'}`}>
      <td className="audit-when" data-label={t('columns.when')}>
        <time dateTime={item.at}>
          <span className="audit-at">{formatInstant(item.at, locale, 'medium')}</span>
          <span className="audit-ago">{relativeTime(item.at, locale, now)}</span>
        </time>
      </td>
      <td className="audit-what" data-label={t('columns.what')}>
        <span className="audit-what-line">
          <span className="audit-mark" aria-hidden="true" />
          <span className="audit-sentence">{describeAuditEvent(item, t, lookups)}</span>
        </span>
      </td>
      <td className="audit-who" data-label={t('columns.who')}>
        <span className="audit-name">{actor.name}</span>
        {actor.email && actor.email !== actor.name && <span className="audit-email">{actor.email}</span>}
      </td>
      <td className="audit-where" data-label={t('columns.where')}>
        <span className="audit-ip">{item.ip ?? t('where.unknownIp')}</span>
        {agent ? (
          <span className="audit-agent" title={item.userAgent ?? undefined}>{agent}</span>
        ) : (
          <span className="audit-agent">{t('where.unknownAgent')}</span>
        )}
      </td>
    </tr>
  );
}
