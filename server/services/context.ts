/**
 * What services are given: the database, who is acting, the clock, the event bus and where
 * the request came from. The request context (../context.ts) builds one of these from
 * Express; tests and timers build it directly. Services import only this, never tRPC.
 */
import type { Database } from '../db/sequelize';
import type { EventBus } from '../events';
import type { Actor } from '../../shared/workflow/rules';

export interface SessionUser extends Actor {
  email: string;
  name: string;
}

/** Where a request came from, as the audit trail and the login limits keep it. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export const UNKNOWN_CLIENT: ClientInfo = { ip: null, userAgent: null };

export interface ServiceContext {
  db: Database;
  /** Null for the system (timers, sweeps) and for anonymous requests. */
  user: SessionUser | null;
  now: () => Date;
  events: EventBus;
  client: ClientInfo;
}

/** A service context with a signed-in user. */
export type AuthedContext = ServiceContext & { user: SessionUser };
