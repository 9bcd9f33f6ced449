/**
 * Kept for client/features/audit only, which other work is changing now: dates as people
 * read them live in client/lib/format.ts. Delete once audit imports them from there.
 */
export * from '../../lib/format';
