/**
 * The only file that calls initTRPC. Every procedure is built from one of the named
 * blocks below, so whether it needs a session, or a manager, is decided by construction.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import { RuleViolation, StaleVersion } from './errors';
import { RetryLater } from './services/limits';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: cause instanceof ZodError ? { ...z.flattenError(cause), issues: cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } : null,
        ...(cause instanceof RuleViolation
          ? { rule: cause.rule, ...(cause.details.missingFields ? { missingFields: cause.details.missingFields } : {}), ...(cause.details.reasons ? { reasons: cause.details.reasons } : {}) }
          : {}),
        ...(cause instanceof StaleVersion ? { current: cause.current } : {}),
        ...(cause instanceof RetryLater ? { retryAfter: cause.seconds } : {}),
      },
    };
  },
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string in `value` that is not well-formed UTF-16 (a lone surrogate), if any. */
function illFormedString(value: unknown): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? value : undefined;
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = illFormedString(key) ?? illFormedString(inner);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Every procedure refuses text that is not valid Unicode (a lone surrogate such as
 * "\ud800"): the database would store it silently altered, as U+FFFD.
 */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  // An unreadable body is left to the procedure's own input parser (a procedure without input ignores it).
  const raw = await getRawInput().catch(() => undefined);
  if (illFormedString(raw) !== undefined) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'The text sent is not valid Unicode (it holds a lone surrogate). Retype it, or paste it again from its source.' });
  }
  return next();
});

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const managerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'manager') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a mentorship manager can do this.' });
  return next();
});
