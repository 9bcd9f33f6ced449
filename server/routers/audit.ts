import { auditListInput } from '../../shared/schemas/audit';
import { listAudit } from '../services/audit';
import { managerProcedure, router } from '../trpc';

export const auditRouter = router({
  /** The audit trail, newest first, filtered (managers). */
  list: managerProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
