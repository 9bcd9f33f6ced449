import { mandatoryFieldsInput } from '../../shared/schemas/learner';
import { record } from '../services/activity';
import { mandatoryFields, setMandatoryFields } from '../services/settings';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const settingsRouter = router({
  mandatoryFields: protectedProcedure.query(async ({ ctx }) => ({ fields: await mandatoryFields(ctx.db) })),
  setMandatoryFields: managerProcedure.input(mandatoryFieldsInput).mutation(async ({ ctx, input }) => {
    const fields = [...new Set(input.fields)];
    await ctx.db.write(async (t) => {
      const before = await mandatoryFields(ctx.db, t);
      await setMandatoryFields(ctx.db, t, fields);
      await record(ctx, t, { type: 'settings_changed', data: { mandatoryFields: { from: before, to: fields } } });
    });
    return { fields: await mandatoryFields(ctx.db) };
  }),
});
