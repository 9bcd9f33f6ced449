/**
 * Kept for client/features/audit only, which other work is changing now: the catalog
 * lookups live in client/lib/catalog.ts, useMe in client/lib/me.ts. Delete once audit
 * imports them from there.
 */
export * from '../../lib/catalog';
export * from '../../lib/me';
