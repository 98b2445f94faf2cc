import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useDatabase } from '../../app/DatabaseProvider';
import { EXPORT_DATASETS, type ExportDataset } from '../../domain/exportAudit';
import type { ReportFilter } from '../../domain/reports/period';
import { loadAll, type Progress, ProgressBar, ReportFilterFields } from '../coordination';
import { useDirectory } from '../../sync/useDirectory';
import { defaultPeriod } from '../dashboard';
import { buildExport } from './buildExport';
import { knownKey } from '../../app/translationKeys';
import { downloadCsv, reportExport } from './exportAudit';
import '../coordination/coordination.css';

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'loading' | 'building'; progress: Progress }
  | { kind: 'done'; rows: number; withheld: number; audited: boolean }
  | { kind: 'error'; text: string };

/**
 * CSV with HXL hashtags of households, people, travel legs or calls for a
 * period and site. With names, the server's audit log must record the export
 * first (so it needs a connection); without names it works offline too.
 */
export function ExportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('export.title'));
  const db = useDatabase();
  const directory = useDirectory();
  const [filter, setFilter] = useState<ReportFilter>(defaultPeriod);
  const [dataset, setDataset] = useState<ExportDataset>('households');
  const [withNames, setWithNames] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const run = async () => {
    setStatus({ kind: 'working', step: 'loading', progress: { done: 0, total: 0 } });
    try {
      // Households always: each row's family consent decides whether its personal cells are shared.
      const need = { households: true, people: dataset === 'households' || dataset === 'people', travelLegs: dataset === 'travelLegs', calls: dataset === 'calls' };
      const loading = (done: number) => setStatus({ kind: 'working', step: 'loading', progress: { done, total: done } });
      const data = {
        households: need.households ? await loadAll(db, 'households', loading) : [],
        people: need.people ? await loadAll(db, 'people', loading) : [],
        travelLegs: need.travelLegs ? await loadAll(db, 'travelLegs', loading) : [],
        calls: need.calls ? await loadAll(db, 'calls', loading) : [],
      };
      const built = await buildExport(
        dataset,
        data,
        filter,
        { withNames, now: new Date(), header: (key) => {
          const label = knownKey(`export.columns.${dataset}.${key}`);
          return label ? t(label) : key;
        } },
        (progress) => setStatus({ kind: 'working', step: 'building', progress }),
      );
      let audited = true;
      try {
        await reportExport({
          dataset,
          from: filter.from,
          to: filter.to,
          ...(filter.siteId ? { siteId: filter.siteId } : {}),
          withNames,
          rows: built.rows,
          at: new Date().toISOString(),
        });
      } catch {
        audited = false;
        // Names never leave the device without a trace in the audit log.
        if (withNames) {
          setStatus({ kind: 'error', text: t('export.needsConnection') });
          return;
        }
      }
      downloadCsv(built.csv, built.fileName);
      setStatus({ kind: 'done', rows: built.rows, withheld: built.withheld, audited });
    } catch {
      setStatus({ kind: 'error', text: t('export.failed') });
    }
  };

  const busy = status.kind === 'working';
  return (
    <>
      <h1>{t('export.title')}</h1>
      <p>{t('export.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="report-filter">
          <label htmlFor="export-dataset">{t('export.dataset')}</label>
          <select id="export-dataset" value={dataset} onChange={(e) => setDataset(e.target.value as ExportDataset)}>
            {EXPORT_DATASETS.map((name) => (
              <option key={name} value={name}>
                {t(`export.datasets.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <ReportFilterFields filter={filter} onChange={setFilter} sites={directory.sites} idPrefix="export" />
        <label className="checkbox">
          <input type="checkbox" checked={withNames} onChange={(e) => setWithNames(e.target.checked)} />{' '}
          {t('export.withNames')}
        </label>
        <p className="field__hint">{t('export.withNamesHint')}</p>
        <div className="report-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('export.run')}
          </button>
        </div>
      </form>
      {status.kind === 'working' ? (
        <ProgressBar progress={status.progress} label={status.step === 'loading' ? t('export.loading') : t('export.building')} />
      ) : null}
      {status.kind === 'done' ? (
        <p className="form-message form-message--success" role="status">
          {t('export.done', { count: status.rows })}{' '}
          {status.withheld > 0 ? t('export.withheld', { count: status.withheld }) : null}{' '}
          {status.audited ? null : t('export.notAudited')}
        </p>
      ) : null}
      {status.kind === 'error' ? (
        <p className="form-message form-message--error" role="alert">
          {status.text}
        </p>
      ) : null}
      <h2>{t('export.mappingTitle')}</h2>
      <p>{t('export.mappingIntro')}</p>
    </>
  );
}
