import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../domain/collections';
import { setUpI18n } from './i18n';
import { knownKey, type TranslationKey } from './translationKeys';

describe('translation keys', () => {
  it('are the English file’s: a misspelt key does not type-check', () => {
    const t: TFunction = setUpI18n('en').t;
    expect(t('form.saveFailed')).not.toBe('form.saveFailed');
    // @ts-expect-error a key the English file does not have (npm run typecheck fails if this ever type-checks)
    expect(t('form.saveFialed')).toBe('form.saveFialed');
    // Keys built from an enum are checked too: every collection has its name in words.
    const collectionKey = (collection: CollectionName): TranslationKey => `review.collections.${collection}`;
    expect(t(collectionKey('verifiers'))).not.toBe('review.collections.verifiers');
  });

  it('checks a key built from data at run time', () => {
    setUpI18n('en');
    expect(knownKey('errors.required')).toBe('errors.required');
    expect(knownKey('errors.no_such_code')).toBeUndefined();
  });
});
