/**
 * French and English: from the browser, switchable, remembered (localStorage).
 *
 * The board's own strings (common, board) are bundled, in both languages, so the board
 * renders without waiting; the card and people namespaces, used only by the card dialogs
 * and the learner, mentor and settings pages (all loaded lazily), are fetched with them
 * (see lazyWithStrings), in the reader's language and in English, the fallback.
 */
import { lazy, type ComponentType } from 'react';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { bundled, loadNamespace, type LazyNamespace } from '../shared/i18n';

void i18n
  .use(LanguageDetector)
  .use(resourcesToBackend(loadNamespace))
  .use(initReactI18next)
  .init({
    resources: bundled,
    partialBundledLanguages: true,
    ns: ['common', 'board'],
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    nonExplicitSupportedLngs: true,
    defaultNS: 'common',
    showSupportNotice: false,
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'relais.lang', caches: ['localStorage'] },
  });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng.startsWith('fr') ? 'fr' : 'en';
});
document.documentElement.lang = i18n.resolvedLanguage?.startsWith('fr') ? 'fr' : 'en';

export default i18n;

/**
 * A component loaded on first use, with the strings it needs: its code and its namespace
 * are fetched together, so it renders once both are there rather than suspending again
 * for its strings.
 */
export function lazyWithStrings<P extends object>(namespace: LazyNamespace, load: () => Promise<ComponentType<P>>) {
  return lazy(() => Promise.all([load(), i18n.loadNamespaces(namespace)]).then(([component]) => ({ default: component })));
}

/** 'fr' or 'en', whatever regional variant the browser gave. */
export function currentLocale(): 'en' | 'fr' {
  return i18n.resolvedLanguage?.startsWith('fr') ? 'fr' : 'en';
}
