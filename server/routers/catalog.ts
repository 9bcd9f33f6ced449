import { getCatalog } from '../services/catalog';
import { protectedProcedure, router } from '../trpc';

/** Paths, their projects (with the label colours cards show) and people's names, for forms and card faces. */
export const catalogRouter = router({
  get: protectedProcedure.query(({ ctx }) => getCatalog(ctx.db)),
});
