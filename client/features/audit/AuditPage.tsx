/**
 * Audit (/audit, managers): the audit trail, newest first — sign-ins and failed attempts,
 * sign-outs, paused sign-ins, changes to mentors and settings — with who and from where.
 * Filtered by type, person, email and dates; older pages load on demand (`audit.list`'s
 * `nextCursor`, passed back as `before`).
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, useTRPCClient, type Me } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';
import { AUDIT_TYPES, type AuditType } from '../../../shared/schemas/audit';
import { auditActor, describeAuditEvent, shortUserAgent, type AuditItem, type AuditLookups } from './describe';
import '../learner/people.css';
import './audit.css';

/** Lines per page: the server's default, asked for explicitly. */
export const AUDIT_PAGE_SIZE = 50;
/** How long typing in the email filter pauses before the trail is asked again. */
export const EMAIL_DEBOUNCE_MS = 300;

export function AuditPage({ user }: { user: Me }) {
  const { t } = useTranslation('audit');
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <h1>{t('title')}</h1>
        <p className="callout callout-info">{t('managersOnly')}</p>
      </div>
    );
  }
  return <AuditTrail />;
}

interface Filters {
  type: AuditType | '';
  actorId: string;
  email: string;
  from: string;
  to: string;
}

/** Where the table becomes a list of cards (audit.css) and the filters start folded. */
const NARROW = '(max-width: 720px)';

const NO_FILTERS: Filters = { type: '', actorId: '', email: '', from: '', to: '' };

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Now, renewed every minute, so "2 minutes ago" stays true while the page is open. */
function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A day picked in a date field, as the instant it starts (or ends) where the reader is. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const at = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** What audit.list is asked, without the cursor: only the filters that are set. */
export function auditInput(filters: Filters) {
  const email = filters.email.trim();
  const actorId = Number(filters.actorId);
  const from = dayBound(filters.from, false);
  const to = dayBound(filters.to, true);
  return {
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.actorId && Number.isInteger(actorId) && actorId > 0 ? { actorId } : {}),
    ...(email ? { email } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: AUDIT_PAGE_SIZE,
  };
}

function AuditTrail() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { t, i18n } = useTranslation('audit');
  const catalog = useCatalog();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const email = useDebounced(filters.email, EMAIL_DEBOUNCE_MS);
  const input = useMemo(() => auditInput({ ...filters, email }), [filters, email]);
  const badRange = Boolean(filters.from && filters.to && filters.from > filters.to);

  const trail = useInfiniteQuery({
    queryKey: [...trpc.audit.list.pathKey(), { input, type: 'infinite' }],
    queryFn: ({ pageParam, signal }) => client.audit.list.query({ ...input, ...(pageParam ? { before: pageParam } : {}) }, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: !badRange,
  });

  const lookups = useMemo<AuditLookups>(() => {
    const index = catalogIndex(catalog);
    return {
      personName: (id) => (id == null ? null : (catalog?.people.find((p) => p.id === id)?.name ?? null)),
      projectCode: (id) => index.project(id)?.code ?? `#${id}`,
    };
  }, [catalog]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const activeFilters = Object.values(filters).filter(Boolean).length;
  const filtered = activeFilters > 0;
  // On a phone the filters start folded, so the trail itself is on the first screen.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia?.(NARROW).matches);
  const ids = { type: useId(), person: useId(), email: useId(), emailHint: useId(), from: useId(), to: useId() };
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  // Types the server may record but the UI has no words for yet are not offered as a raw key.
  const offeredTypes = AUDIT_TYPES.filter((type) => i18n.exists(`types.${type}`, { ns: 'audit' }));

  return (
    <div className="page people-page people-wide audit-page">
      <header className="people-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="people-sub">{t('subtitle')}</p>
        </div>
      </header>

      <details className="panel audit-filters-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>
          {t('filters.summary')}
          {activeFilters > 0 && <span className="audit-filters-count">{t('filters.active', { count: activeFilters })}</span>}
        </summary>
        <form className="audit-filters" role="search" aria-label={t('filters.legend')} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={ids.type}>{t('filters.type')}</label>
            <select id={ids.type} value={filters.type} onChange={(e) => set({ type: e.target.value as Filters['type'] })}>
              <option value="">{t('filters.allTypes')}</option>
              {offeredTypes.map((type) => (
                <option key={type} value={type}>{t(`types.${type}`)}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.person}>{t('filters.person')}</label>
            <select id={ids.person} value={filters.actorId} onChange={(e) => set({ actorId: e.target.value })}>
              <option value="">{t('filters.anyone')}</option>
              {catalog?.people.map((p) => (
                <option key={p.id} value={String(p.id)}>{p.name}</option>
              ))}
            </select>
          </div>
          <div className="field audit-filter-email">
            <label htmlFor={ids.email}>{t('filters.email')}</label>
            <input
              id={ids.email}
              type="search"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.emailHint}
              value={filters.email}
              onChange={(e) => set({ email: e.target.value })}
            />
            <span className="hint" id={ids.emailHint}>{t('filters.emailHint')}</span>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('filters.from')}</label>
            <input id={ids.from} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('filters.to')}</label>
            <input id={ids.to} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
          </div>
          <div className="audit-filters-actions">
            <button type="button" className="btn" onClick={() => setFilters(NO_FILTERS)} disabled={!filtered}>
              {t('filters.clear')}
            </button>
          </div>
        </form>
      </details>

      {badRange ? (
        <p className="callout callout-warning" role="alert">{t('filters.badRange')}</p>
      ) : trail.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : trail.isError && items.length === 0 ? (
        <div className="callout callout-error audit-error" role="alert">
          <p>{t('list.error', { message: serverErrorMessage(trail.error, t, i18n.language) })}</p>
          <button type="button" className="btn btn-sm" onClick={() => void trail.refetch()}>{t('common:state.retry')}</button>
        </div>
      ) : items.length === 0 ? (
        <p className="empty audit-empty" role="status">{filtered ? t('list.emptyFiltered') : t('list.empty')}</p>
      ) : (
        <AuditTable
          items={items}
          lookups={lookups}
          updating={trail.isPlaceholderData}
          hasMore={trail.hasNextPage}
          loadingMore={trail.isFetchingNextPage}
          moreError={trail.isFetchNextPageError ? serverErrorMessage(trail.error, t, i18n.language) : null}
          loadMore={() => trail.fetchNextPage()}
        />
      )}
    </div>
  );
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

function AuditTable({ items, lookups, updating, hasMore, loadingMore, moreError, loadMore }: TableProps) {
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
