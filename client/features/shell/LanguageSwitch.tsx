import { useTranslation } from 'react-i18next';

/** Switches between French and English; i18next remembers the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage?.startsWith('fr') ? 'fr' : 'en';
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('nav.language')}</span>
      <select value={current} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        <option value="en" lang="en">English</option>
        <option value="fr" lang="fr">Français</option>
      </select>
    </label>
  );
}
