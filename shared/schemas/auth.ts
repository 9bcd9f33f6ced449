import { z } from 'zod';
import { emailAddress } from './common';

export const loginInput = z.object({
  email: emailAddress,
  password: z.string().min(1).max(200),
});
