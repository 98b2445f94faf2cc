import { useTranslation } from 'react-i18next';
import type { ReceivingProgress } from '../sync/syncStatusStore';

/** "Receiving records: 1,200 of 8,400", in the interface language's digits and separators. */
export function ReceivingText({ progress }: { progress: ReceivingProgress }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const values = { received: number.format(progress.received), total: number.format(progress.total) };
  const key = progress.done ? 'progress.done' : progress.resumed ? 'progress.resuming' : 'progress.receiving';
  return (
    <>
      {t(key, values)}{' '}
      {progress.done ? null : <progress max={progress.total} value={progress.received} aria-hidden="true" />}
    </>
  );
}
