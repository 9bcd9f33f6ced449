/** How a card's dates, people and labels read on its face. Pure helpers, per locale. */
import type { Locale } from '../../../shared/workflow/boards';
import { formatInstant as formatInstantOnce } from '../../lib/format';

const TAGS: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Formatted dates, by locale, zone and date: a board shows each card's date twice (face and label), and Intl is slow to format. */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 20_000;

function remember(key: string, make: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    text = make();
    formatted.set(key, text);
  }
  return text;
}

/** A defense's date and hour, in the viewer's time zone: "11 Dec 2026, 14:00" — the app's one formatter of instants (lib/format), as every dialog writes it. */
export function formatInstant(iso: string, locale: Locale, timeZone?: string): string {
  return formatInstantOnce(iso, locale, 'medium', timeZone);
}

/** A calendar day ("2026-12-11", a handover date): "11 Dec 2026", whatever the time zone. */
export function formatDay(day: string, locale: Locale): string {
  return remember(`d|${locale}|${day}`, () => formatDayNow(day, locale));
}

function formatDayNow(day: string, locale: Locale): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(TAGS[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${day.slice(0, 10)}T00:00:00.000Z`));
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a "#rrggbb" colour (null if it is not one). */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: number, b: number): number {
  const [hi, lo] = a > b ? [a, b] : [b, a];
  return (hi + 0.05) / (lo + 0.05);
}

const DARK_TEXT = '#111827';
const LIGHT_TEXT = '#ffffff';

/** The text colour (near-black or white) that reads best on a label colour: project labels are chosen by people, not designers. */
export function textOn(hex: string): string {
  const l = luminance(hex);
  if (l === null) return DARK_TEXT;
  const dark = luminance(DARK_TEXT)!;
  return contrastRatio(l, 1) >= contrastRatio(l, dark) ? LIGHT_TEXT : DARK_TEXT;
}
