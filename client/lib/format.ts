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

/** The Intl tag of a UI language: one per language, so every screen writes a date the same way ("17 Dec 2026, 14:00"). */
export function intlLocale(locale: UiLocale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
/** Formatted instants, by style, language, zone and instant: a board formats thousands, and Intl is slow. */
const formattedInstants = new Map<string, string>();
const FORMATTED_MAX = 20_000;

/**
 * The one formatter of instants, in the reader's language and (unless `timeZone` names
 * another) the reader's time zone. `medium`: "17 Dec 2026, 14:00" (card faces, dialogs,
 * history); `full`: "Thursday 17 December 2026 at 14:00" (the card's own date).
 */
export function formatInstant(iso: string, locale: UiLocale, style: 'full' | 'medium' = 'full', timeZone?: string): string {
  const key = `${style}|${locale}|${timeZone ?? ''}|${iso}`;
  let text = formattedInstants.get(key);
  if (text === undefined) {
    const formatKey = `${style}|${locale}|${timeZone ?? ''}`;
    let format = instantFormats.get(formatKey);
    if (!format) {
      const zone = timeZone ? { timeZone } : {};
      format = new Intl.DateTimeFormat(
        intlLocale(locale),
        style === 'full'
          ? { dateStyle: 'full', timeStyle: 'short', ...zone }
          : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...zone },
      );
      instantFormats.set(formatKey, format);
    }
    text = format.format(new Date(iso));
    if (formattedInstants.size >= FORMATTED_MAX) formattedInstants.clear();
    formattedInstants.set(key, text);
  }
  return text;
}

/** Is `zone` a time zone Intl knows (an IANA name)? */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant as someone living in `zone` reads it ("17 Dec 2026, 13:00"), when their
 * clock says something else than the reader's; null when it reads the same, or the zone is unknown.
 */
export function instantElsewhere(iso: string, locale: UiLocale, zone: string | null | undefined): string | null {
  if (!zone || !isTimeZone(zone)) return null;
  const there = formatInstant(iso, locale, 'medium', zone);
  return there === formatInstant(iso, locale, 'medium') ? null : there;
}

/** Every IANA time zone this browser knows, for a choice (the server refuses others). */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
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
