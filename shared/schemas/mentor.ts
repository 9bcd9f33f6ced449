import { z } from 'zod';
import { id } from './common';

export const mentorUpdateInput = z
  .object({
    mentorId: id,
    capacity: z.number().int().min(0).max(200).optional(),
    projectIds: z.array(id).max(500).optional(),
    acceptsRqth: z.boolean().optional(),
    isEvaluator: z.boolean().optional(),
  })
  .strict();

export const notificationMarkReadInput = z.object({ ids: z.array(id).max(1000) });
