import { loginInput } from '../../shared/schemas/auth';
import { env } from '../env';
import { login, logout, logoutEverywhere } from '../services/auth';
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
});
