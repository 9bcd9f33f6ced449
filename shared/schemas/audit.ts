import { z } from 'zod';
import { id, isoInstant } from './common';

/** What the audit trail records (API: `audit.list`). */
export const AUDIT_TYPES = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'sign_out_everywhere',
  'rate_limited',
  'mentor_updated',
  'settings_changed',
  'setup_done',
  'manager_created',
  'user_invited',
  'invitation_revoked',
  'user_updated',
  'user_deactivated',
  'user_reactivated',
  'password_set',
  'password_changed',
  'session_ended',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** One page of the audit trail, newest first; `before` is the previous page's `nextCursor`. */
export const auditListInput = z.object({
  type: z.enum(AUDIT_TYPES).optional(),
  actorId: id.optional(),
  /** Part of the email a sign-in named, or of the actor's email. */
  email: z.string().trim().toLowerCase().max(320).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  before: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditListInput = z.input<typeof auditListInput>;
