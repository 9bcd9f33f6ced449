/** The Express app, without listening: the API under /trpc and the built client. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { createContextFactory } from './context';
import type { Database } from './db/sequelize';
import type { EventBus } from './events';
import { appRouter } from './routers/_app';
import { boardEventsRoute } from './live';
import { requestLimits, TRPC_LIMITS } from './requestLimits';
import { RetryLater } from './errors';

export interface AppOptions {
  db: Database;
  events: EventBus;
  /** The built client (vite build); not served when absent. */
  clientDir?: string;
  secureCookies?: boolean;
  /** Sessions last this many days of inactivity. */
  sessionDays?: number;
  /**
   * Which proxies' X-Forwarded-For to believe for a request's address (Express's `trust
   * proxy`): by default only one on this machine, so a client cannot pick the address
   * its sign-in failures are counted against.
   */
  trustProxy?: string | boolean | number;
  now?: () => Date;
}

/**
 * A cross-site form cannot set a custom header, so requiring one on every POST stops
 * CSRF before any procedure runs (API.md: X-Relais-Client).
 */
function requireClientHeader(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'POST' && !req.get('x-relais-client')) {
    res.status(403).json({ error: { code: 'FORBIDDEN', message: 'POST requests to /trpc must carry the X-Relais-Client header.' } });
    return;
  }
  next();
}

/** Answers from /trpc hold a user's data: never stored by a browser or a shared cache. */
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', 'no-store');
  next();
}

export function createApp(options: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
      },
      // Plain http on localhost must keep working; TLS is the reverse proxy's.
      strictTransportSecurity: options.secureCookies ?? false,
    }),
  );
  // A 5,000-card board is 2.5 MB of JSON and the client 0.9 MB of script: gzip makes them a
  // tenth of that over a school's network (level 1: nearly as small as the default, several
  // times faster). The live feed stays as it is: a compressed event stream would hold events
  // back until a buffer fills.
  // Mutations' answers are a card or two (tRPC sends no Content-Length, so compression's
  // size threshold never applies): not worth a gzip stream each.
  app.use(
    compression({
      level: 1,
      filter: (req, res) => req.method !== 'POST' && !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  const createContext = createContextFactory({
    db: options.db,
    events: options.events,
    secureCookies: options.secureCookies ?? false,
    sessionDays: options.sessionDays ?? 14,
    now: options.now,
  });
  // The live feed, encoded for a crowd (server/live.ts); the procedure is still tRPC's.
  app.get('/trpc/board.events', boardEventsRoute(createContext));
  app.use(
    '/trpc',
    noStore,
    requireClientHeader,
    requestLimits(),
    createExpressMiddleware({
      router: appRouter,
      createContext,
      maxBatchSize: TRPC_LIMITS.maxBatch,
      responseMeta({ errors }) {
        // A refusal that says when to come back says it in the standard header too.
        const waits = errors.map((e) => (e.cause instanceof RetryLater ? e.cause.seconds : 0));
        const wait = Math.max(0, ...waits);
        return wait > 0 ? { headers: { 'Retry-After': String(wait) } } : {};
      },
      onError({ error, path: procedure }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${procedure ?? '?'}:`, error.cause ?? error);
      },
    }),
  );
  const clientDir = options.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/board/1, /cards/7…) all load the app.
    app.get(/^\/(?!trpc\/).*/, (_req, res) => {
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  return app;
}
