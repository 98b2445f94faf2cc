import { useTranslation } from 'react-i18next';
import type { Progress } from './loadRecords';

/** "n of total records" with a progress bar, announced politely to screen readers. */
export function ProgressBar({ progress, label }: { progress: Progress; label: string }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="report-progress" role="status" aria-live="polite">
      <label>
        {label}{' '}
        <progress max={Math.max(progress.total, 1)} value={progress.done} />
      </label>
      <span>{t('dashboard.progress', { done: number.format(progress.done), total: number.format(progress.total) })}</span>
    </div>
  );
}
