/**
 * Calendar arithmetic on ISO days ("2026-12-01") in UTC. The school's rules count whole
 * days, so every comparison goes through a day, never through a raw timestamp.
 */
const DAY_MS = 86_400_000;

/** The ISO day of an instant (UTC). */
export function toDay(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The hour slot of an instant, e.g. "2026-12-01T14", used to detect double bookings. */
export function hourSlot(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return date.toISOString().slice(0, 13);
}

export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) &&
    toDay(`${value}T00:00:00.000Z`) === value;
}

/** An IANA time zone name ("Europe/Paris", "America/Guadeloupe", "UTC"), as the runtime's time-zone database knows it. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
