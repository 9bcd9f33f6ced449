import { mentorUpdateInput } from '../../shared/schemas/mentor';
import { mentorUpdateSelfInput } from '../../shared/schemas/accounts';
import { listMentors, updateMentor, updateOwnProfile } from '../services/mentors';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const mentorRouter = router({
  list: protectedProcedure.query(({ ctx }) => listMentors(ctx.db)),
  update: managerProcedure.input(mentorUpdateInput).mutation(({ ctx, input }) => updateMentor(ctx, input)),
  /** A mentor's own capacity, projects and RQTH acceptance (evaluator status stays a manager's). */
  updateSelf: protectedProcedure.input(mentorUpdateSelfInput).mutation(({ ctx, input }) => updateOwnProfile(ctx, input)),
});
