import { loginInput } from '../../shared/schemas/auth';
import { changePasswordInput, endSessionInput, setPasswordInput } from '../../shared/schemas/accounts';
import { env } from '../env';
import { setPasswordFromLink } from '../services/passwordLinks';
import { changePassword, endSession, listSessions, login, logout, logoutEverywhere } from '../services/auth';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const session = await login(ctx.db, { ...input, now: ctx.now(), days: env.sessionDays, client: ctx.client, previousToken: ctx.sessionToken });
    ctx.cookies.setSession(session.token, session.expiresAt);
    return session.user;
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken, ctx.user, ctx.client, ctx.now());
    ctx.cookies.clearSession();
    return { ok: true };
  }),
  /** Ends every session of the signed-in user, this one included (a lost phone, a shared computer). */
  logoutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    const ended = await logoutEverywhere(ctx.db, ctx.user, ctx.client, ctx.now());
    ctx.cookies.clearSession();
    return { ok: true, ended };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  /** The signed-in user, or null: what a page asks before it knows whether anyone is signed in (no 401 for a signed-out visit). */
  session: publicProcedure.query(({ ctx }) => ctx.user),
  /** From a set-password link (an invitation): chooses the password and signs in. */
  setPassword: publicProcedure.input(setPasswordInput).mutation(async ({ ctx, input }) => {
    const session = await setPasswordFromLink(ctx, input, { days: env.sessionDays, previousToken: ctx.sessionToken });
    ctx.cookies.setSession(session.token, session.expiresAt);
    return session.user;
  }),
  /** The current password is required; the other sessions end, this one stays. */
  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, input, ctx.sessionToken)),
  /** The signed-in user's open sessions: browser, address, last seen; `current` is this one. */
  sessions: protectedProcedure.query(({ ctx }) => listSessions(ctx, ctx.sessionToken)),
  /** Ends one of the signed-in user's sessions, by the public id auth.sessions gives. */
  endSession: protectedProcedure.input(endSessionInput).mutation(async ({ ctx, input }) => {
    const ended = await endSession(ctx, input.sessionId, ctx.sessionToken);
    if (ended.current) ctx.cookies.clearSession();
    return { ok: true, current: ended.current };
  }),
});
