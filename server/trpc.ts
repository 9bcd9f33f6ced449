/**
 * The only file that calls initTRPC. Every procedure is built from one of the named
 * blocks below, so whether it needs a session, or a manager, is decided by construction.
 */
import { initTRPC, tracked, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import { DomainError, RetryLater, RuleViolation, StaleVersion, type ErrorKind } from './errors';
import { fieldWords, reasonWords, refusalWords, waitWords } from '../shared/i18n/words';
import type { Locale } from '../shared/workflow/boards';

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

/** The one place a domain error (server/errors.ts) becomes a tRPC code. */
const CODES: Record<ErrorKind, TRPCError['code']> = {
  bad_input: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  refused: 'PRECONDITION_FAILED',
  too_many_requests: 'TOO_MANY_REQUESTS',
};

/**
 * A domain error's message in the reader's language: the services speak English, with
 * fields and reasons as words; another language rebuilds the sentence from the rule and
 * its details (shared/i18n/words.ts), or keeps the English when it has no template.
 */
function messageIn(error: DomainError, locale: Locale): string {
  if (locale === 'en') return error.message;
  if (error instanceof RuleViolation) {
    const { fields, missingFields, reasonCodes, params } = error.details;
    const vars = { fields: fieldWords(fields ?? missingFields ?? [], locale), reasons: reasonWords(reasonCodes ?? [], locale), ...params };
    return refusalWords(error.rule === 'lead_time' && params?.date ? 'lead_time_from' : error.rule, locale, vars) ?? error.message;
  }
  if (error instanceof RetryLater) return refusalWords('TOO_MANY_SIGN_INS', locale, { wait: waitWords(error.seconds, locale) }) ?? error.message;
  return refusalWords(error.words ?? CODES[error.kind], locale) ?? error.message;
}

/** The tRPC error of a domain error's kind, in the reader's language, with the domain error as its cause; anything else as it is. */
export function toTRPCError(error: unknown, locale: Locale = 'en'): unknown {
  return error instanceof DomainError ? new TRPCError({ code: CODES[error.kind], message: messageIn(error, locale), cause: error }) : error;
}

/**
 * A service's event stream as a subscription: each event tracked by its id (so a client
 * resumes with lastEventId), a domain error thrown while streaming mapped as any other.
 */
export async function* trackedStream<T>(events: AsyncIterable<{ id: string; event: T }>, locale: Locale = 'en') {
  try {
    for await (const { id, event } of events) yield tracked(id, event);
  } catch (error) {
    throw toTRPCError(error, locale);
  }
}

/** Services throw domain errors; the caller gets the tRPC error of their kind, the domain error as its cause. */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw toTRPCError(result.error.cause, ctx.locale);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A lone UTF-16 surrogate, or a NUL character (which PostgreSQL cannot store and SQLite's SQL text ends at). */
const NOT_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** The first string in `value` that is not well-formed UTF-16 (a lone surrogate), if any. */
function illFormedString(value: unknown): string | undefined {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? value : undefined;
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
 * "\ud800": the database would store it silently altered, as U+FFFD) or holds a NUL.
 */
export const publicProcedure = t.procedure.use(domainErrors).use(async ({ getRawInput, next }) => {
  // An unreadable body is left to the procedure's own input parser (a procedure without input ignores it).
  const raw = await getRawInput().catch(() => undefined);
  if (illFormedString(raw) !== undefined) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'The text sent is not valid Unicode (it holds a lone surrogate or a NUL character). Retype it, or paste it again from its source.' });
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
