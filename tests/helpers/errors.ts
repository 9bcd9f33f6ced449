import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/** Awaits `promise`, expecting a tRPC error with `code` (and, for rule refusals, `rule`); returns it. */
export async function expectTRPCError(promise: Promise<unknown>, code: TRPCError['code'], rule?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}${rule ? ` (${rule})` : ''}, but the call succeeded`).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code, trpcError.message).toBe(code);
  if (rule) expect((trpcError.cause as { rule?: string } | undefined)?.rule).toBe(rule);
  expect(trpcError.message.length).toBeGreaterThan(10);
  return trpcError as TRPCError & { cause: { rule?: string; details?: { missingFields?: string[]; reasons?: string[] } } };
}
