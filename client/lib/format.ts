/**
 * Dates as people read them, in the UI's language: instants in the viewer's time zone,
 * calendar days as written, and "2 hours ago" for history and comments.
 */
import { useTranslation } from 'react-i18next';

export type UiLocale = 'en' | 'fr';

/** The UI's language, re-rendering the caller when it changes. */
export function useLocale(): UiLocale {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language ?? 'en').startsWith('fr') ? 'fr' : 'en';
}

/** The browser's own variant of the UI language when it has one (en-US, fr-CA…), else a European default. */
export function intlLocale(locale: UiLocale): string {
  const preferred = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return preferred.find((l) => l?.toLowerCase().startsWith(locale)) ?? (locale === 'fr' ? 'fr-FR' : 'en-GB');
}

/** "Tuesday 15 December 2026 at 14:00". */
export function formatInstant(iso: string, locale: UiLocale, style: 'full' | 'medium' = 'full'): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day ("2026-12-15") as written, whatever the viewer's time zone. */
export function formatDay(day: string, locale: UiLocale, style: 'full' | 'long' | 'medium' = 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00.000Z`));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "2 hours ago", "in 3 days", "just now". */
export function relativeTime(iso: string, locale: UiLocale, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The viewer's time zone, shown next to instants so nobody misreads an hour. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today as the server counts it (an ISO day, UTC). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A local `datetime-local` value ("2026-12-15T14:00") for an ISO day at an hour. */
export function localDateTimeValue(day: string, time = '00:00'): string {
  return `${day}T${time}`;
}
