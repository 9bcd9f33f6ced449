/**
 * Domain errors: what services throw, knowing nothing of the transport. One place,
 * server/trpc.ts, turns each kind into a tRPC code and its details into `data.rule`,
 * `data.missingFields`, `data.reasons`, `data.current` and `data.retryAfter`.
 */
import type { RuleName, Verdict } from '../shared/workflow/rules';

export type ErrorKind = 'bad_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'refused' | 'too_many_requests';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The message's template in other languages (`errors.<words>` in shared/i18n), when not its kind's generic one. */
    readonly words?: string,
  ) {
    super(message);
  }
}

/** A workflow rule refused: `rule` names it, so a script can tell `lead_time` from `profile_incomplete` without parsing the message. */
export class RuleViolation extends DomainError {
  constructor(
    readonly rule: RuleName,
    message: string,
    readonly details: {
      missingFields?: string[];
      reasons?: string[];
      /** Words for the message in another language: the reasons' codes, the card fields missing, a date. Not sent as such. */
      reasonCodes?: string[];
      fields?: string[];
      params?: Record<string, string>;
    } = {},
    kind: 'refused' | 'forbidden' = 'refused',
  ) {
    super(kind, message);
  }
}

/** The card changed since the caller read it: `current` is the fresh card. */
export class StaleVersion extends DomainError {
  constructor(readonly current: unknown) {
    super('conflict', 'This card was changed by someone else since you opened it. Review the current version and apply your change again.');
  }
}

/** "Try again later", with when. */
export class RetryLater extends DomainError {
  constructor(
    readonly seconds: number,
    message: string,
  ) {
    super('too_many_requests', message);
  }
}

export function ruleError(rule: RuleName, message: string, details: RuleViolation['details'] = {}): RuleViolation {
  return new RuleViolation(rule, message, details);
}

/** Throws when a shared-workflow verdict refuses. */
export function enforce(verdict: Verdict, details: RuleViolation['details'] = {}): void {
  if (verdict.ok) return;
  const missingFields = verdict.rule === 'profile_incomplete' ? verdict.missing : undefined;
  const words = { ...(verdict.missing ? { fields: verdict.missing } : {}), ...(verdict.params ? { params: verdict.params } : {}) };
  throw new RuleViolation(verdict.rule, verdict.message, { ...(missingFields ? { missingFields } : {}), ...words, ...details }, verdict.kind);
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} was not found, or is not visible to you.`);
}

export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', message);
}

export function unauthorized(message: string, words?: string): DomainError {
  return new DomainError('unauthorized', message, words);
}

export function badInput(message: string, words?: string): DomainError {
  return new DomainError('bad_input', message, words);
}

export function conflict(current: unknown): StaleVersion {
  return new StaleVersion(current);
}

export function tooManyRequests(seconds: number, message: string): RetryLater {
  return new RetryLater(seconds, message);
}
