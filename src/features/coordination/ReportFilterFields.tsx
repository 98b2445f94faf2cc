import { useTranslation } from 'react-i18next';
import type { ReportFilter } from '../../domain/reports/period';
import { useSessionUser } from '../auth';

/** Period (from, to) and site fields shared by dashboards, reports and exports. */
export function ReportFilterFields({
  filter,
  onChange,
  sites,
  idPrefix,
  period = true,
}: {
  filter: ReportFilter;
  onChange: (filter: ReportFilter) => void;
  sites: Map<string, string>;
  idPrefix: string;
  period?: boolean;
}) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const siteIds = user?.siteIds ?? [...sites.keys()];
  return (
    <div className="report-filter">
      {period ? (
        <>
          <label htmlFor={`${idPrefix}-from`}>{t('dashboard.from')}</label>
          <input
            id={`${idPrefix}-from`}
            type="date"
            value={filter.from}
            max={filter.to}
            onChange={(e) => e.target.value && onChange({ ...filter, from: e.target.value })}
          />
          <label htmlFor={`${idPrefix}-to`}>{t('dashboard.to')}</label>
          <input
            id={`${idPrefix}-to`}
            type="date"
            value={filter.to}
            min={filter.from}
            onChange={(e) => e.target.value && onChange({ ...filter, to: e.target.value })}
          />
        </>
      ) : null}
      <label htmlFor={`${idPrefix}-site`}>{t('dashboard.site')}</label>
      <select
        id={`${idPrefix}-site`}
        value={filter.siteId ?? ''}
        onChange={(e) => onChange({ ...filter, siteId: e.target.value || undefined })}
      >
        <option value="">{t('dashboard.allSites')}</option>
        {siteIds.map((id) => (
          <option key={id} value={id}>
            {sites.get(id) ?? id}
          </option>
        ))}
      </select>
    </div>
  );
}
