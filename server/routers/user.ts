import { userIdInput, userInviteInput, userUpdateInput } from '../../shared/schemas/accounts';
import { env } from '../env';
import { deactivateUser, getUser, inviteUser, listUsers, reactivateUser, resendInvite, revokeInvite, updateUser, type InvitationResult } from '../services/accounts';
import { managerProcedure, router } from '../trpc';

/** A set-password link as a whole URL: RELAIS_PUBLIC_URL, else the address the manager's request was sent to. */
function withLink(result: InvitationResult, origin: string | null) {
  const base = env.publicUrl ?? origin ?? `http://localhost:${env.port}`;
  return { user: result.user, setPasswordUrl: new URL(result.setPasswordPath, base).toString(), expiresAt: result.expiresAt };
}

/** People's accounts (managers). */
export const userRouter = router({
  list: managerProcedure.query(({ ctx }) => listUsers(ctx)),
  get: managerProcedure.input(userIdInput).query(({ ctx, input }) => getUser(ctx, input.userId)),
  invite: managerProcedure.input(userInviteInput).mutation(async ({ ctx, input }) => withLink(await inviteUser(ctx, input), ctx.origin)),
  resendInvite: managerProcedure.input(userIdInput).mutation(async ({ ctx, input }) => withLink(await resendInvite(ctx, input.userId), ctx.origin)),
  revokeInvite: managerProcedure.input(userIdInput).mutation(({ ctx, input }) => revokeInvite(ctx, input.userId)),
  update: managerProcedure.input(userUpdateInput).mutation(({ ctx, input }) => updateUser(ctx, input)),
  deactivate: managerProcedure.input(userIdInput).mutation(({ ctx, input }) => deactivateUser(ctx, input.userId)),
  reactivate: managerProcedure.input(userIdInput).mutation(({ ctx, input }) => reactivateUser(ctx, input.userId)),
});
