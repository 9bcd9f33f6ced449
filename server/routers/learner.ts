import { learnerCreateInput, learnerDeactivateInput, learnerIdInput, learnerListInput, learnerReactivateInput, learnerUpdateInput } from '../../shared/schemas/learner';
import { createLearner, deactivateLearner, reactivateLearner } from '../services/learnerAdmin';
import { getLearner, listLearners, updateLearner } from '../services/learners';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const learnerRouter = router({
  /** Without input: the active learners this user may see, for pickers; filters for the Learners page. */
  list: protectedProcedure.input(learnerListInput).query(({ ctx, input }) => listLearners(ctx, input)),
  create: managerProcedure.input(learnerCreateInput).mutation(({ ctx, input }) => createLearner(ctx, input)),
  deactivate: managerProcedure.input(learnerDeactivateInput).mutation(({ ctx, input }) => deactivateLearner(ctx, input)),
  reactivate: managerProcedure.input(learnerReactivateInput).mutation(({ ctx, input }) => reactivateLearner(ctx, input)),
  get: protectedProcedure.input(learnerIdInput).query(({ ctx, input }) => getLearner(ctx, input.learnerId)),
  update: protectedProcedure.input(learnerUpdateInput).mutation(({ ctx, input }) => updateLearner(ctx, input)),
});
