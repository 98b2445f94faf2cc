/**
 * Interface language. English, the fallback, is in the app code; each other
 * language's translations are a chunk of their own, loaded when the interface
 * first needs it (the start-up language, a switch, a family's itinerary or a
 * caller's promise in that language). A cold start loads one language instead
 * of five. Every chunk is precached by the service worker, so every language
 * still works offline from the first load. The choice is remembered on the
 * device; the first visit follows the browser's language.
 */
import i18next, { type BackendModule, type i18n as I18n, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en/translation.json';

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

/** One chunk per language (Vite splits each dynamic import); English is always in memory. */
const LOADERS: Record<Exclude<InterfaceLanguage, 'en'>, () => Promise<{ default: ResourceKey }>> = {
  es: () => import('../../locales/es/translation.json'),
  fr: () => import('../../locales/fr/translation.json'),
  ar: () => import('../../locales/ar/translation.json'),
  sw: () => import('../../locales/sw/translation.json'),
};

/** i18next's backend: reads a language's translations from its chunk. */
const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!isInterfaceLanguage(language) || language === 'en') {
      callback(null, language === 'en' ? en : {});
      return;
    }
    LOADERS[language]().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

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

let initStarted = false;
let ready: Promise<unknown> = Promise.resolve();

/**
 * Initialises i18next once; safe to call again (returns the same instance).
 * In English it is ready on return; otherwise once `i18nReady()` resolves.
 */
export function setUpI18n(language: InterfaceLanguage = initialLanguage()): I18n {
  if (!i18next.isInitialized && !initStarted) {
    initStarted = true;
    ready = i18next
      .use(chunkBackend)
      .use(initReactI18next)
      .init({
        resources: { en: { translation: en } },
        // The other languages come from the backend; English is not fetched again.
        partialBundledLanguages: true,
        lng: language,
        fallbackLng: 'en',
        supportedLngs: [...SUPPORTED_LANGUAGES],
        interpolation: { escapeValue: false }, // React escapes
        returnNull: false,
        initAsync: false,
      });
    i18next.on('languageChanged', applyToDocument);
  }
  applyToDocument(i18next.language ?? language);
  return i18next;
}

/** Resolves when the start-up language's translations are loaded (render after it: no English flash). */
export function i18nReady(): Promise<unknown> {
  return ready;
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
