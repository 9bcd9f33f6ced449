import { z } from 'zod';
import { id, text } from './common';

/** A path's or a project's code, as cards and lists show it: DW, DW-P3. */
const code = text(32)
  .min(1, 'A code is required.')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u, 'A code is letters and digits, with dots, dashes or underscores between them, such as DW-P3.');
/** A label colour, #rrggbb. */
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb, such as #2563eb.');
const name = text(200).min(1, 'A name is required.');
/** A project's place in its path, from 1; past the end is the end. */
const position = z.number().int().min(1).max(1_000);

export const pathCreateInput = z.object({ code, name });
export const pathUpdateInput = z.object({ pathId: id, code: code.optional(), name: name.optional() });
export const projectCreateInput = z.object({ pathId: id, code, title: name, color, position: position.optional() });
export const projectUpdateInput = z.object({
  projectId: id,
  code: code.optional(),
  title: name.optional(),
  color: color.optional(),
  position: position.optional(),
  /** A retired project stays on old cards; it cannot be chosen for new ones. */
  retired: z.boolean().optional(),
});
