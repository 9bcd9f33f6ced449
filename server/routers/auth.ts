import { loginInput } from '../../shared/schemas/auth';
import { env } from '../env';
import { login, logout } from '../services/auth';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const session = await login(ctx.db, input.email, input.password, ctx.now(), env.sessionDays);
    ctx.cookies.setSession(session.token, session.expiresAt);
    return session.user;
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
