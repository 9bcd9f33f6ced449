/**
 * Request context, in two steps (as tRPC recommends): `createContextInner` holds what
 * procedures use and is what tests build; `createContextFactory` adds what Express gives.
 */
import type { Request, Response } from 'express';
import type { Database } from './db/sequelize';
import type { EventBus } from './events';
import { createEventBus } from './events';
import { SESSION_COOKIE, findSession, readSessionToken, renewSession } from './services/auth';
import { UNKNOWN_CLIENT, type ClientInfo, type SessionUser } from './services/context';
import { localeOf } from '../shared/i18n/words';
import type { Locale } from '../shared/workflow/boards';

export type { SessionUser };

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
  /** Where the request came from, for the audit trail and the login limits. */
  client?: ClientInfo;
  /** The reader's language, for messages. */
  locale?: Locale;
  /** Where the request was sent to, `https://relais.example.org`: the base of links the server hands out (RELAIS_PUBLIC_URL overrides it). */
  origin?: string | null;
}

export async function createContextInner(opts: InnerOptions) {
  return {
    db: opts.db,
    user: opts.user ?? null,
    sessionToken: opts.sessionToken ?? null,
    now: opts.now ?? (() => new Date()),
    events: opts.events ?? createEventBus(),
    cookies: opts.cookies ?? { setSession() {}, clearSession() {} },
    client: opts.client ?? UNKNOWN_CLIENT,
    locale: opts.locale ?? 'en',
    origin: opts.origin ?? null,
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

export function createContextFactory(base: { db: Database; events: EventBus; secureCookies: boolean; sessionDays: number; now?: () => Date }) {
  return async ({ req, res }: { req: Request; res: Response }) => {
    const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: base.secureCookies, path: '/' };
    const cookies: CookieJar = {
      setSession: (value, expires) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
      clearSession: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
    };
    const token = readSessionToken(req.headers.cookie);
    const now = new Date();
    const session = token ? await findSession(base.db, token, now) : null;
    if (token && session) {
      // Two weeks of inactivity, not two weeks from sign-in: an active session is renewed (hourly at most).
      const renewed = await renewSession(base.db, token, session, now, base.sessionDays);
      if (renewed) cookies.setSession(token, renewed);
    }
    return createContextInner({
      db: base.db,
      events: base.events,
      now: base.now,
      user: session?.user ?? null,
      sessionToken: session ? token : null,
      cookies,
      // req.ip follows X-Forwarded-For only from the proxies `trust proxy` names (app.ts).
      client: { ip: req.ip ?? req.socket.remoteAddress ?? null, userAgent: req.get('user-agent') ?? null },
      // The language the client shows (X-Relais-Locale), else the browser's first choice.
      locale: localeOf(req.get('x-relais-locale') ?? req.get('accept-language')),
      // req.protocol follows X-Forwarded-Proto only from a trusted proxy, as req.ip does.
      origin: req.get('host') ? `${req.protocol}://${req.get('host')}` : null,
    });
  };
}
