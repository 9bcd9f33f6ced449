import { z } from 'zod';
import { id } from './common';

export const boardIdInput = z.object({ boardId: id });
export const boardEventsInput = z.object({ boardId: id, lastEventId: z.string().nullish() });
