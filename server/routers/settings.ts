import { mandatoryFieldsInput } from '../../shared/schemas/learner';
import { changeMandatoryFields } from '../services/profiles';
import { mandatoryFields } from '../services/settings';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const settingsRouter = router({
  mandatoryFields: protectedProcedure.query(async ({ ctx }) => ({ fields: await mandatoryFields(ctx.db) })),
  setMandatoryFields: managerProcedure.input(mandatoryFieldsInput).mutation(async ({ ctx, input }) => ({ fields: await changeMandatoryFields(ctx, input.fields) })),
});
