import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { demoStore, loadDemoMode } from './demoMode';
import './demo.css';

/** On every screen of a demo server: the data is invented, and this is not a deployment to put real data in. */
export function DemoBanner() {
  const { t } = useTranslation();
  const demo = demoStore((state) => state.demo);
  useEffect(() => {
    void loadDemoMode();
  }, []);
  if (!demo) return null;
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      <strong>{t('demo.banner.title')}</strong>{' '}
      <span className="demo-banner__body">{t('demo.banner.body')}</span>
    </p>
  );
}
