/**
 * Kept for tests/client/audit.test.tsx only, which other work is changing now: the fake API
 * is fakeApi.tsx, the card screens' fixtures cardFixtures.ts. Delete once it imports them.
 */
export * from './cardFixtures';
export * from './fakeApi';
