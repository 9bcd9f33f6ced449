import { z } from 'zod';

export const id = z.number().int().positive();
/** A calendar day, "2026-12-01". */
export const isoDay = z.iso.date();
/** An instant, "2026-12-01T14:00:00.000Z". */
export const isoInstant = z.iso.datetime({ offset: true });
export const text = (max: number) => z.string().trim().max(max);
