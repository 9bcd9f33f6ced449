/**
 * A server refusal as a person reads it, in their language: the rule's own sentence when
 * the UI is in English (it names dates and people), a translation built from `data.rule`
 * and its details otherwise.
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';

export interface ServerErrorData {
  code?: string;
  rule?: string;
  missingFields?: string[];
  reasons?: string[];
  current?: unknown;
}

export function errorData(error: unknown): ServerErrorData {
  return error instanceof TRPCClientError ? ((error.data ?? {}) as ServerErrorData) : {};
}

export function serverErrorMessage(error: unknown, t: TFunction, language: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (language.startsWith('en')) return message;
  const data = errorData(error);
  const key = data.rule ?? data.code;
  if (!key || !t(`common:errors.${key}`, { defaultValue: '' })) return message;
  return t(`common:errors.${key}`, {
    fields: (data.missingFields ?? []).map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', '),
    reasons: (data.reasons ?? []).join(' ; '),
  });
}
