/** The real Express app on a free port, for tests of what travels over HTTP. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app';
import type { Database } from '../../server/db/sequelize';
import { createEventBus, type EventBus } from '../../server/events';
import { testDatabase, type TestDatabase } from './db';
import { PASSWORD } from './factories';

export async function startServer(db: Database, events: EventBus = createEventBus()) {
  const app = createApp({ db, events });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Calls a procedure over HTTP the way the client does (JSON, no transformer). */
export async function call(url: string, procedure: string, input?: unknown, opts: { cookie?: string; method?: 'GET' | 'POST'; header?: boolean } = {}) {
  const method = opts.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.header !== false) headers['x-relais-client'] = 'tests';
  if (opts.cookie) headers.cookie = opts.cookie;
  const target = method === 'GET' ? `${url}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}` : `${url}/trpc/${procedure}`;
  const res = await fetch(target, { method, headers, body: method === 'POST' && input !== undefined ? JSON.stringify(input) : undefined });
  const body = (await res.json().catch(() => null)) as any;
  return { status: res.status, body, headers: res.headers };
}

/** A test file's own database and server over HTTP, opened before its tests and closed after. */
export function serverOnTestDatabase(): { readonly db: Database; readonly url: string } {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    t = await testDatabase();
    server = await startServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });
  return {
    get db() {
      return t.db;
    },
    get url() {
      return server.url;
    },
  };
}

/** Signs `email` in (the factories' password) and returns the session cookie. */
export async function signIn(url: string, email: string): Promise<string> {
  const login = await call(url, 'auth.login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`sign-in as ${email} failed: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}
