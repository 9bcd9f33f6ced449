/**
 * Audit (/audit, managers): the audit trail, newest first — sign-ins and failed attempts,
 * sign-outs, paused sign-ins, changes to mentors and settings — with who and from where.
 * Filtered by type, person, email and dates; older pages load on demand (`audit.list`'s
 * `nextCursor`, passed back as `before`).
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, useTRPCClient, type Me } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { AUDIT_TYPES, type AuditType } from '../../../shared/schemas/audit';
import { AuditTable } from './AuditTable';
import type { AuditLookups } from './describe';
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
