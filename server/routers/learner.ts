import { learnerIdInput, learnerUpdateInput } from '../../shared/schemas/learner';
import { getLearner, listLearners, updateLearner } from '../services/learners';
import { protectedProcedure, router } from '../trpc';

export const learnerRouter = router({
  list: protectedProcedure.query(({ ctx }) => listLearners(ctx)),
  get: protectedProcedure.input(learnerIdInput).query(({ ctx, input }) => getLearner(ctx, input.learnerId)),
  update: protectedProcedure.input(learnerUpdateInput).mutation(({ ctx, input }) => updateLearner(ctx, input)),
});
