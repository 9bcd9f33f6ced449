import { z } from 'zod';
import { id } from './common';

export const boardIdInput = z.object({ boardId: id });
/** board.get: the board, or with `archived`, its withdrawn and archived cards. */
export const boardGetInput = z.object({ boardId: id, archived: z.boolean().optional() });
export const boardEventsInput = z.object({ boardId: id, lastEventId: z.string().nullish() });
