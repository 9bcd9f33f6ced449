/**
 * The only file that calls initTRPC. Every procedure is built from one of the named
 * blocks below, so whether it needs a session, or a manager, is decided by construction.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import { RuleViolation, StaleVersion } from './errors';

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
export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const managerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'manager') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a mentorship manager can do this.' });
  return next();
});
