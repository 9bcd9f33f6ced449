import { assignMentorInput, cardIdInput } from '../../shared/schemas/card';
import { assignMentor, eligibleMentors, volunteer } from '../services/transfers';
import { managerProcedure, protectedProcedure, router } from '../trpc';

export const transferRouter = router({
  volunteer: protectedProcedure.input(cardIdInput).mutation(({ ctx, input }) => volunteer(ctx, input.cardId)),
  withdraw: protectedProcedure.input(cardIdInput).mutation(({ ctx, input }) => volunteer(ctx, input.cardId, true)),
  eligibleMentors: managerProcedure.input(cardIdInput).query(({ ctx, input }) => eligibleMentors(ctx, input.cardId)),
  assignMentor: managerProcedure.input(assignMentorInput).mutation(({ ctx, input }) => assignMentor(ctx, input.cardId, input.mentorId)),
});
