import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayUseCalls } from './useHelplineNavItems';

/** Renders the call desk or the queue only for roles that may use them; others see why not. */
export function RequireCallAccess({ screen, children }: { screen: 'desk' | 'queue'; children: ReactNode }) {
  const { t } = useTranslation();
  if (useMayUseCalls()[screen]) return <>{children}</>;
  return (
    <>
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.deniedBody')}</p>
    </>
  );
}
