/**
 * Workflow refusals travel as PRECONDITION_FAILED with the rule's name, so a script can
 * tell `lead_time` from `profile_incomplete` without parsing the message.
 */
import { TRPCError } from '@trpc/server';
import type { RuleName, Verdict } from '../shared/workflow/rules';

export class RuleViolation extends Error {
  constructor(
    readonly rule: RuleName,
    message: string,
    readonly details: { missingFields?: string[]; reasons?: string[]; current?: unknown } = {},
  ) {
    super(message);
  }
}

export function ruleError(rule: RuleName, message: string, details: RuleViolation['details'] = {}): TRPCError {
  return new TRPCError({ code: 'PRECONDITION_FAILED', message, cause: new RuleViolation(rule, message, details) });
}

/** Throws when a shared-workflow verdict refuses; the verdict's code decides FORBIDDEN or PRECONDITION_FAILED. */
export function enforce(verdict: Verdict, details: RuleViolation['details'] = {}): void {
  if (verdict.ok) return;
  const missingFields = verdict.rule === 'profile_incomplete' ? verdict.missing : undefined;
  throw new TRPCError({
    code: verdict.code,
    message: verdict.message,
    cause: new RuleViolation(verdict.rule, verdict.message, { ...(missingFields ? { missingFields } : {}), ...details }),
  });
}

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} was not found, or is not visible to you.` });
}

export function forbidden(message: string): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message });
}

/** The card changed since the caller read it: `data.current` carries the fresh card. */
export class StaleVersion extends Error {
  constructor(readonly current: unknown) {
    super('This card was changed by someone else since you opened it. Review the current version and apply your change again.');
  }
}

export function conflict(current: unknown): TRPCError {
  const cause = new StaleVersion(current);
  return new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
}
