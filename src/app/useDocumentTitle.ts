import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> · Waystation", so tabs, history and screen readers name the screen. */
export function useDocumentTitle(pageTitle: string | undefined): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${appName}` : appName;
  }, [pageTitle, appName]);
}
