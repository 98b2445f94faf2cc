import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { todayIsoDate } from '../../app/format';
import { helplineMonthlyReport, welcomeCenterMonthlyReport } from '../../domain/reports/monthly';
import { monthPeriod, type ReportFilter } from '../../domain/reports/period';
import { reportSections } from '../../domain/reports/sections';
import { formatMonth } from '../../ui/dates';
import { ProgressBar, ReportFilterFields, useDeviceRecords } from '../coordination';
import { CallbackTable, formatShare, useFigureNames } from '../dashboard';
import { knownKey } from '../../app/translationKeys';
import { downloadCsv } from '../export';
import { helplineReportCsv, welcomeCenterReportCsv } from './reportCsv';
import '../coordination/coordination.css';

function lastMonth(now = new Date()): string {
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return todayIsoDate(first).slice(0, 7);
}

/** Monthly reports for donors and grants: the welcome center's and the helpline's, printable and as CSV. */
export function MonthlyReportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('reports.title'));
  const { records, progress } = useDeviceRecords();
  const names = useFigureNames();
  const [month, setMonth] = useState(lastMonth);
  const [site, setSite] = useState<ReportFilter>({ ...monthPeriod(lastMonth()) });
  const locale = i18n.language;
  const number = new Intl.NumberFormat(locale);
  const monthName = formatMonth(month, locale, 'long');

  const reports = useMemo(() => {
    if (!records) return undefined;
    const now = new Date();
    return {
      welcome: welcomeCenterMonthlyReport(
        month,
        site.siteId,
        { households: records.households, people: records.people, legs: records.travelLegs },
        now,
      ),
      helpline: helplineMonthlyReport(month, site.siteId, records.calls, now),
    };
  }, [records, month, site.siteId]);

  const sections = reportSections(site.siteId ? names.directory.siteKinds.get(site.siteId) : undefined);
  const label = (key: string) => {
    const known = knownKey(`reports.csv.${key}`);
    return known ? t(known) : key;
  };
  const suffix = `${month}${site.siteId ? `-${site.siteId}` : ''}`;
  const row = (name: string, value: string) => (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{value}</td>
    </tr>
  );

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <div className="report-filter">
        <label htmlFor="report-month">{t('reports.month')}</label>
        <input
          id="report-month"
          type="month"
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </div>
      <ReportFilterFields
        filter={site}
        onChange={setSite}
        sites={names.directory.sites}
        idPrefix="report"
        period={false}
      />
      {!reports ? <ProgressBar progress={progress} label={t('reports.loading')} /> : null}
      {reports ? (
        <>
          <div className="report-actions">
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('reports.print')}
            </button>
            {sections.welcomeCenter ? (
              <button
                type="button"
                className="button"
                onClick={() =>
                  downloadCsv(
                    welcomeCenterReportCsv(reports.welcome, label),
                    `waystation-welcome-center-${suffix}.csv`,
                  )
                }
              >
                {t('reports.csvWelcome')}
              </button>
            ) : null}
            {sections.helpline ? (
              <button
                type="button"
                className="button"
                onClick={() =>
                  downloadCsv(
                    helplineReportCsv(reports.helpline, label, names),
                    `waystation-helpline-${suffix}.csv`,
                  )
                }
              >
                {t('reports.csvHelpline')}
              </button>
            ) : null}
          </div>
          <div className="report-grid">
            {sections.welcomeCenter ? (
              <>
                <section className="report-card">
                  <h2>{t('reports.welcomeTitle', { month: monthName })}</h2>
                  <table className="report-table">
                    <tbody>
                      {row(t('reports.families'), number.format(reports.welcome.families))}
                      {row(t('reports.people'), number.format(reports.welcome.people))}
                      {row(t('reports.children'), number.format(reports.welcome.children))}
                      {row(t('reports.departedFamilies'), number.format(reports.welcome.departedFamilies))}
                      {row(t('reports.departedPeople'), number.format(reports.welcome.departedPeople))}
                    </tbody>
                  </table>
                  <h3>{t('reports.destinations')}</h3>
                  {reports.welcome.destinations.length === 0 ? (
                    <p>{t('dashboard.noData')}</p>
                  ) : (
                    <table className="report-table">
                      <tbody>
                        {reports.welcome.destinations.map((d) => (
                          <tr key={d.key}>
                            <th scope="row">{names.destination(d.key)}</th>
                            <td className="num">{number.format(d.count)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </section>
              </>
            ) : null}
            {sections.helpline ? (
              <>
                <section className="report-card">
                  <h2>{t('reports.helplineTitle', { month: monthName })}</h2>
                  <table className="report-table">
                    <tbody>
                      {row(t('reports.answered'), number.format(reports.helpline.answered))}
                      {row(t('reports.escalated'), number.format(reports.helpline.cases.escalated))}
                      {row(t('reports.voicemail'), number.format(reports.helpline.cases.voicemail))}
                      {row(t('reports.casesClosed'), number.format(reports.helpline.cases.closed))}
                      {row(
                        t('reports.firstCall'),
                        formatShare(reports.helpline.firstCall.share, locale, t('dashboard.notApplicable')),
                      )}
                      {row(
                        t('reports.callbacksOnTime'),
                        formatShare(reports.helpline.callbacks.share, locale, t('dashboard.notApplicable')),
                      )}
                    </tbody>
                  </table>
                </section>
                <CallbackTable
                  title={t('dashboard.callbacksByUnit')}
                  groups={reports.helpline.callbacksByUnit}
                  name={names.unit}
                />
                <CallbackTable
                  title={t('dashboard.callbacksByLanguage')}
                  groups={reports.helpline.callbacksByLanguage}
                  name={names.language}
                />
              </>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}
