/**
 * Several Relais processes on one PostgreSQL database: a move through server A reaches a
 * subscriber connected to server B (LISTEN/NOTIFY), and a session opened on A works on B.
 * Runs with the PostgreSQL suite (npm run test:pg); skipped on SQLite.
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../server/routers/_app';
import { createPgDatabase, onPostgres } from '../helpers/db';
import { startRelais, type Relais } from '../helpers/process';

function client(url: string, cookie: string) {
  const withCookie: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${url}/trpc`, EventSource, eventSourceOptions: { fetch: withCookie } as never }),
        false: httpBatchLink({ url: `${url}/trpc`, headers: { 'x-relais-client': 'tests', cookie } }),
      }),
    ],
  });
}

async function login(url: string, email: string) {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-relais-client': 'tests' },
    body: JSON.stringify({ email, password: 'relais-demo' }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe.skipIf(!onPostgres)('two Relais processes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let a: Relais;
  let b: Relais;
  beforeAll(async () => {
    database = await createPgDatabase();
    a = await startRelais({ DATABASE_URL: database.url });
    b = await startRelais({ DATABASE_URL: database.url });
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('delivers a move made through server A to a subscriber on server B', async () => {
    const managerOnA = client(a.url, await login(a.url, 'manager@relais.test'));
    const mentorCookie = await login(a.url, 'mentor@relais.test');
    const mentorOnB = client(b.url, mentorCookie);
    // The session opened on A is valid on B: sessions live in the database.
    expect((await mentorOnB.auth.me.query()).email).toBe('mentor@relais.test');

    const board = (await managerOnA.board.list.query()).find((x) => x.kind === 'defense')!;
    const card = (await managerOnA.board.get.query({ boardId: board.id })).cards.find((c) => c.columnKey === 'proposals')!;

    const received: { type: string; cardId: number | null; to?: string }[] = [];
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const subscription = mentorOnB.board.events.subscribe(
      { boardId: board.id },
      {
        onStarted: () => ready(),
        onData: ({ data }) => received.push({ type: data.type, cardId: data.cardId, to: (data.data as { to?: string }).to }),
      },
    );
    await started;
    const sentAt = Date.now();
    await managerOnA.card.move.mutate({ cardId: card.id, toColumnKey: 'drafts' });
    while (!received.some((e) => e.type === 'moved' && e.cardId === card.id) && Date.now() - sentAt < 10_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    subscription.unsubscribe();
    expect(received).toContainEqual({ type: 'moved', cardId: card.id, to: 'drafts' });
  });
});
