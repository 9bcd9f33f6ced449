/**
 * The words both sides put into sentences: field names and reasons as the reader says
 * them, and the rule refusals in the reader's language (the server's messages too: it
 * knows the reader's language from the request). One i18next instance over the bundled
 * strings, initialised at once.
 */
import i18next from 'i18next';
import { bundled } from './index';
import type { Locale } from '../workflow/boards';

const i18n = i18next.createInstance();
void i18n.init({
  resources: bundled,
  lng: 'en',
  fallbackLng: 'en',
  ns: ['common', 'board'],
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function localeOf(language: string | null | undefined): Locale {
  return language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** "funding, professional goal": field keys (learner or card fields) as the reader says them. */
export function fieldWords(keys: readonly string[], locale: Locale): string {
  const t = i18n.getFixedT(locale, 'common');
  return keys.map((key) => t(`fields.${key}`, { defaultValue: key })).join(', ');
}

/** Eligibility reasons (their codes, shared/workflow/eligibility.ts) as the reader says them. */
export function reasonWords(codes: readonly string[], locale: Locale): string {
  const t = i18n.getFixedT(locale, 'common');
  return codes.map((code) => t(`reasons.${code}`, { defaultValue: code })).join('; ');
}

/** "15 seconds", "2 minutes". */
export function waitWords(seconds: number, locale: Locale): string {
  const t = i18n.getFixedT(locale, 'common');
  return seconds < 60 ? t('login.waitSeconds', { count: seconds }) : t('login.waitMinutes', { count: Math.ceil(seconds / 60) });
}

/** A refusal in `locale`: the template `errors.<key>` with its words, or null when there is none. */
export function refusalWords(key: string, locale: Locale, vars: Record<string, string> = {}): string | null {
  const t = i18n.getFixedT(locale, 'common');
  return i18n.exists(`errors.${key}`, { lng: locale, ns: 'common' }) ? t(`errors.${key}`, vars) : null;
}
