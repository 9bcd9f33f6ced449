import { addDays, toDay } from '../../shared/dates';

/** An instant `days` from today at `hour`:00 UTC. */
export function inDays(days: number, hour = 14): string {
  return `${addDays(toDay(new Date()), days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

/** The ISO day `days` from today. */
export function dayIn(days: number): string {
  return addDays(toDay(new Date()), days);
}
