import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { StorageFullError } from '../db/storageFull';
import type { TranslationKey } from './translationKeys';

/**
 * The sentence for a save that failed: a full device gets its own plain
 * message (not saved, earlier work safe, what to do); anything else gets the
 * screen's usual one, `fallbackKey`.
 */
export function useSaveFailureText(): (failure: unknown, fallbackKey: TranslationKey) => string {
  const { t } = useTranslation();
  return useCallback(
    (failure, fallbackKey) => (failure instanceof StorageFullError ? t('storage.full') : t(fallbackKey)),
    [t],
  );
}
