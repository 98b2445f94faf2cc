import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../sync/apiClient';

/**
 * A translated sentence for a failed admin or audit call. The function is the
 * same from render to render (it changes with the language only), so a screen
 * can load its data in an effect that depends on it.
 */
export function useApiErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiCallError)) return t('admin.error.unexpected');
      if (error.status === 0) return t('admin.error.offline');
      if (error.status === 401) return t('admin.error.sessionEnded');
      if (error.status === 403) return t('admin.error.forbidden');
      if (error.code === 'username_taken') return t('admin.error.usernameTaken');
      if (error.code === 'self_lockout') return t('admin.error.selfLockout');
      if (error.code === 'erasure_state') return t('admin.error.erasureState');
      if (error.code === 'not_found') return t('admin.error.notFound');
      if (error.status === 400) return t('admin.error.invalid');
      return t('admin.error.server', { status: error.status });
    },
    [t],
  );
}
