/** French and English: from the browser, switchable, remembered (localStorage). */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { resources } from '../shared/i18n';

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
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

/** 'fr' or 'en', whatever regional variant the browser gave. */
export function currentLocale(): 'en' | 'fr' {
  return i18n.resolvedLanguage?.startsWith('fr') ? 'fr' : 'en';
}
