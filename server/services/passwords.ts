/**
 * What a new password must be: at least 10 characters, not the account's email, and not
 * among the most common passwords. The list is zxcvbn-ts's (`@zxcvbn-ts/language-common`,
 * ~49,000 passwords most seen in public breaches, maintained with the zxcvbn-ts
 * estimator), loaded on the first check, compared without regard to case.
 */
import { badInput } from '../errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/schemas/accounts';

let common: Promise<Set<string>> | undefined;

function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));
  return common;
}

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common' | 'password_is_email';

/** Why `password` will not do for the account of `email`, or null when it will. */
export async function passwordProblem(password: string, email: string): Promise<PasswordProblem | null> {
  // Characters as a person counts them, not UTF-16 units.
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const lower = password.trim().toLowerCase();
  if (lower === email.toLowerCase() || lower === email.split('@')[0]!.toLowerCase()) return 'password_is_email';
  if ((await commonPasswords()).has(lower)) return 'password_common';
  return null;
}

const MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters: a few words make a long one that is easy to remember.`,
  password_too_long: `A password has at most ${PASSWORD_MAX_LENGTH} characters.`,
  password_common: 'This password is among the most common ones, the first that anyone guessing would try. Choose another.',
  password_is_email: 'A password cannot be your email address. Choose another.',
};

/** Throws BAD_REQUEST, with a message a person can act on, when `password` will not do. */
export async function assertAcceptablePassword(password: string, email: string): Promise<void> {
  const problem = await passwordProblem(password, email);
  if (problem) throw badInput(MESSAGES[problem], problem);
}
