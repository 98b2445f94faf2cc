/**
 * Interface language. All five translations are bundled into the app code so
 * every language works offline from the first load (they are small; the
 * service worker precaches the bundle). The choice is remembered on the
 * device; the first visit follows the browser's language.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en/translation.json';
import es from '../../locales/es/translation.json';
import fr from '../../locales/fr/translation.json';
import ar from '../../locales/ar/translation.json';
import sw from '../../locales/sw/translation.json';

export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'ar', 'sw'] as const;
export type InterfaceLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** Each language named in itself, so anyone can find their own in the switcher. */
export const LANGUAGE_AUTONYMS: Record<InterfaceLanguage, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
  sw: 'Kiswahili',
};

const RTL_LANGUAGES = new Set<string>(['ar']);
export const LANGUAGE_STORAGE_KEY = 'waystation.language';

export const translations = { en, es, fr, ar, sw } as const;

export function isInterfaceLanguage(value: string): value is InterfaceLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export function textDirection(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language.split('-')[0] ?? language) ? 'rtl' : 'ltr';
}

function readStoredLanguage(): InterfaceLanguage | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return stored && isInterfaceLanguage(stored) ? stored : undefined;
  } catch {
    return undefined; // storage can be blocked (private mode); fall through to the browser language
  }
}

/** The remembered choice, else the first browser language we support, else English. */
export function initialLanguage(): InterfaceLanguage {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred =
    typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of preferred) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (primary && isInterfaceLanguage(primary)) return primary;
  }
  return 'en';
}

function applyToDocument(language: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);
}

/** Initialises i18next once; safe to call again (returns the same instance). */
export function setUpI18n(language: InterfaceLanguage = initialLanguage()): I18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: Object.fromEntries(
        SUPPORTED_LANGUAGES.map((lng) => [lng, { translation: translations[lng] }]),
      ),
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...SUPPORTED_LANGUAGES],
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      initAsync: false,
    });
    i18next.on('languageChanged', applyToDocument);
  }
  applyToDocument(i18next.language);
  return i18next;
}

/** Switches the interface language and remembers it on this device. */
export async function changeLanguage(language: InterfaceLanguage): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered, but the switch itself still works.
  }
  await i18next.changeLanguage(language);
}
