import { z } from 'zod';

export const id = z.number().int().positive();
/** A calendar day, "2026-12-01". */
export const isoDay = z.iso.date().refine((value) => value >= '1900-01-01' && value <= '9999-12-31', 'Choose a date between the years 1900 and 9999.');
/** An instant, "2026-12-01T14:00:00.000Z", in years both databases store (1900–9999 in UTC). */
export const isoInstant = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1900 && year <= 9999;
}, 'Choose a date between the years 1900 and 9999.');
/** An email address as mail systems take it: at most 254 characters (RFC 5321), compared in lower case. */
export const emailAddress = z.string().trim().toLowerCase().max(254, 'An email address has at most 254 characters.').pipe(z.email());
export const text = (max: number) => z.string().trim().max(max);
