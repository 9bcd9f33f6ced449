/**
 * Request context, in two steps (as tRPC recommends): `createContextInner` holds what
 * procedures use and is what tests build; `createContextFactory` adds what Express gives.
 */
import type { Request, Response } from 'express';
import type { Database } from './db/sequelize';
import type { EventBus } from './events';
import { createEventBus } from './events';
import { SESSION_COOKIE, readSessionToken, userForSession } from './services/auth';
import type { Actor } from '../shared/workflow/rules';

export interface SessionUser extends Actor {
  email: string;
  name: string;
}

/** How a procedure sets or clears the session cookie; absent in tests that call procedures directly. */
export interface CookieJar {
  setSession(token: string, expires: Date): void;
  clearSession(): void;
}

export interface InnerOptions {
  db: Database;
  user?: SessionUser | null;
  sessionToken?: string | null;
  now?: () => Date;
  events?: EventBus;
  cookies?: CookieJar;
}

export async function createContextInner(opts: InnerOptions) {
  return {
    db: opts.db,
    user: opts.user ?? null,
    sessionToken: opts.sessionToken ?? null,
    now: opts.now ?? (() => new Date()),
    events: opts.events ?? createEventBus(),
    cookies: opts.cookies ?? { setSession() {}, clearSession() {} },
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

export function createContextFactory(base: { db: Database; events: EventBus; secureCookies: boolean; now?: () => Date }) {
  return async ({ req, res }: { req: Request; res: Response }) => {
    const token = readSessionToken(req.headers.cookie);
    const user = token ? await userForSession(base.db, token, new Date()) : null;
    const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: base.secureCookies, path: '/' };
    return createContextInner({
      db: base.db,
      events: base.events,
      now: base.now,
      user,
      sessionToken: user ? token : null,
      cookies: {
        setSession: (value, expires) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
        clearSession: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
      },
    });
  };
}
