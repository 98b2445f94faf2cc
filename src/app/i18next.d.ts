/**
 * Translation keys are typed from the English file: a missing or misspelt
 * key fails `npm run typecheck`. A key built from an enum goes through a
 * typed helper (src/app/translationKeys.ts) so it is checked too.
 */
import 'i18next';
import type en from '../../locales/en/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
