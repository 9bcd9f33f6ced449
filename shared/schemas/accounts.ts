import { z } from 'zod';
import { emailAddress, id } from './common';

/** The shortest password Relais takes (a passphrase of a few words is longer). */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length; this keeps a request small. */
export const PASSWORD_MAX_LENGTH = 200;

/** A new password: its length and commonness are checked by the server, with a clear message. */
const newPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const personName = z.string().trim().min(1, 'A name is required.').max(100);
export const ROLES = ['mentor', 'manager'] as const;
export const role = z.enum(ROLES);

/** setup.createManager: the first mentorship manager, on an empty database. */
export const setupInput = z.object({ name: personName, email: emailAddress, password: newPassword });

export const userIdInput = z.object({ userId: id });

/** user.invite: a person without a password yet, and a one-time link to set one. */
export const userInviteInput = z.object({
  name: personName,
  email: emailAddress,
  role,
  isEvaluator: z.boolean().default(false),
});

/** user.update: a manager edits a person; remaining capacity is computed, never set. */
export const userUpdateInput = z
  .object({
    userId: id,
    name: personName.optional(),
    role: role.optional(),
    isEvaluator: z.boolean().optional(),
    capacity: z.number().int().min(0).max(200).optional(),
    projectIds: z.array(id).max(500).optional(),
    acceptsRqth: z.boolean().optional(),
  })
  .strict();

/** mentor.updateSelf: what a mentor decides about their own work; evaluator status stays a manager's. */
export const mentorUpdateSelfInput = z
  .object({
    capacity: z.number().int().min(0).max(200).optional(),
    projectIds: z.array(id).max(500).optional(),
    acceptsRqth: z.boolean().optional(),
  })
  .strict();

/** auth.setPassword: the token of a set-password link (an invitation). */
export const setPasswordInput = z.object({ token: z.string().min(1).max(200), password: newPassword });

export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword });

/** auth.endSession: a session's public id, as auth.sessions lists it. */
export const endSessionInput = z.object({ sessionId: z.string().regex(/^[\w-]{1,64}$/, 'Not a session id: take one from auth.sessions.') });

export type UserInviteInput = z.infer<typeof userInviteInput>;
export type UserUpdateInput = z.infer<typeof userUpdateInput>;
export type MentorUpdateSelfInput = z.infer<typeof mentorUpdateSelfInput>;
