import { mentorUpdateInput } from '../../shared/schemas/mentor';
import { listMentors, updateMentor } from '../services/mentors';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const mentorRouter = router({
  list: protectedProcedure.query(({ ctx }) => listMentors(ctx.db)),
  update: managerProcedure.input(mentorUpdateInput).mutation(({ ctx, input }) => updateMentor(ctx, input)),
});
