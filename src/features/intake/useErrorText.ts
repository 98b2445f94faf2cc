import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { knownKey } from '../../app/translationKeys';

interface ErrorLike {
  message?: string | undefined;
  type?: unknown;
}

/**
 * Turns a validation error into a sentence in the interface language. Schema
 * messages that are keys ("required", "dob_or_age") win; otherwise the zod
 * issue code ("too_big", "invalid_format") picks the sentence. Size limits on
 * numbers read differently from those on text, and zod's own message is the
 * only place that says which it was ("Too big: expected number to be <=120")
 * and, for text, what the limit is ("expected string to have <=4000
 * characters"): a person told only "Too long." cannot know by how much.
 */
export function useErrorText(): (error: ErrorLike | undefined) => string | undefined {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error) => {
      if (!error) return undefined;
      const code = typeof error.type === 'string' ? error.type : undefined;
      const aboutNumber = error.message?.includes('expected number') ?? false;
      // Also when a save refused the record and its issue came back as a plain message (type "validate").
      const textLimit = error.message?.match(/expected string to have <=(\d+)/)?.[1];
      if (textLimit) {
        return t('errors.too_big_text', { max: new Intl.NumberFormat(i18n.language).format(Number(textLimit)) });
      }
      const candidates = [error.message, aboutNumber && code ? `${code}_number` : undefined, code];
      for (const candidate of candidates) {
        const key = candidate ? knownKey(`errors.${candidate}`) : undefined;
        if (key) return t(key);
      }
      return t('errors.invalid');
    },
    [t, i18n],
  );
}
