/**
 * The live feed over real HTTP, as a browser's EventSource reads it: each event carries its
 * activity id as the SSE id, and a client that comes back with that id as `lastEventId`
 * gets what it missed, in order, once each.
 */
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/dates';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';
import { call, serverOnTestDatabase, signIn } from '../helpers/http';

const env = serverOnTestDatabase();

interface Received {
  id: string;
  type: string;
  cardId: number | null;
}

/** An EventSource on board.events with the session cookie; collects the events it is sent. */
function listen(cookie: string, input: Record<string, unknown>) {
  const source = new EventSource(`${env.url}/trpc/board.events?input=${encodeURIComponent(JSON.stringify(input))}`, {
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
  });
  const received: Received[] = [];
  source.onmessage = (message) => {
    const event = JSON.parse(message.data as string) as { type: string; cardId: number | null };
    received.push({ id: message.lastEventId, type: event.type, cardId: event.cardId });
  };
  const opened = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = (e) => reject(new Error(`SSE failed: ${String((e as { message?: string }).message)}`));
  });
  return {
    opened,
    received,
    async until(count: number) {
      const started = Date.now();
      while (received.length < count && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
    close: () => source.close(),
  };
}

describe('board.events over HTTP', () => {
  it('resumes from lastEventId with exactly the 20 events missed, in order, none twice', async () => {
    const db = env.db;
    const manager = await makeManager(db, { email: 'sse-manager@relais.test' });
    const mentor = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
    const cookie = await signIn(env.url, manager.email);

    const first = listen(cookie, { boardId: board });
    await first.opened;
    await call(env.url, 'card.comment', { cardId: card.id, body: 'avant la coupure' }, { cookie });
    const [seen] = await first.until(1);
    expect(seen).toMatchObject({ type: 'commented', cardId: card.id });
    expect(Number(seen!.id)).toBeGreaterThan(0);
    first.close();

    for (let i = 0; i < 20; i++) {
      const moved = await call(env.url, 'card.move', { cardId: card.id, toColumnKey: i % 2 ? 'proposals' : 'drafts' }, { cookie });
      expect(moved.status).toBe(200);
    }

    const resumed = listen(cookie, { boardId: board, lastEventId: seen!.id });
    await resumed.opened;
    const missed = await resumed.until(20);
    // A moment more: nothing beyond the 20 may follow.
    await new Promise((r) => setTimeout(r, 200));
    resumed.close();
    expect(missed).toHaveLength(20);
    expect(missed.every((e) => e.type === 'moved' && e.cardId === card.id)).toBe(true);
    const ids = missed.map((e) => Number(e.id));
    expect(ids[0]).toBeGreaterThan(Number(seen!.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(20);
  });

  it('speaks tRPC’s SSE: connected first, then refusals as serialized-error with the procedure’s code, never a 500', async () => {
    const manager = await makeManager(env.db);
    const cookie = await signIn(env.url, manager.email);
    const firstEvents = async (query: string, headers: Record<string, string>) => {
      const abort = new AbortController();
      const res = await fetch(`${env.url}/trpc/board.events${query}`, { headers, signal: abort.signal });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('serialized-error') && text.split('\n\n').length < 3) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      abort.abort();
      return { status: res.status, type: res.headers.get('content-type'), text };
    };
    const codeOf = (text: string) => JSON.parse(/event: serialized-error\ndata: (.*)\n/.exec(text)![1]!).data.code as string;

    const anonymous = await firstEvents(`?input=${encodeURIComponent(JSON.stringify({ boardId: 1 }))}`, {});
    expect(anonymous).toMatchObject({ status: 200, type: 'text/event-stream' });
    expect(anonymous.text.startsWith('event: connected\n')).toBe(true);
    expect(codeOf(anonymous.text)).toBe('UNAUTHORIZED');
    expect(codeOf((await firstEvents(`?input=${encodeURIComponent(JSON.stringify({ boardId: 999 }))}`, { cookie })).text)).toBe('NOT_FOUND');
    expect(codeOf((await firstEvents('?input=%7B%22boardId', { cookie })).text)).toBe('PARSE_ERROR');
    expect(codeOf((await firstEvents(`?input=${encodeURIComponent(JSON.stringify({ boardId: 'x' }))}`, { cookie })).text)).toBe('BAD_REQUEST');
  });
});
