import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDate, formatMonth } from '../../ui/dates';
import { reportSections } from '../../domain/reports/sections';
import type { ReportFilter } from '../../domain/reports/period';
import {
  departuresPerDay,
  nationalities,
  openTasks,
  overdueMilestones,
  receivedPerDay,
  receivedPerWeek,
  receivedTotals,
  topDestinations,
} from '../../domain/reports/welcomeCenter';
import { callbacksOnTime, callsAnsweredPerMonth, firstCallResolution } from '../../domain/reports/helpline';
import { ProgressBar, ReportFilterFields, useDeviceRecords } from '../coordination';
import { BarChartCard } from './BarChartCard';
import { CallbackTable } from './CallbackTable';
import { defaultPeriod } from './defaultPeriod';
import { formatShare } from './formatShare';
import { useFigureNames } from './useFigureNames';
import '../coordination/coordination.css';

const FAMILY = '#1f5fa8';
const CHILD = '#c0661a';

/**
 * The coordinator's dashboard: every figure computed by domain/reports from
 * the records on this device, so it works offline; charts for a tablet,
 * print CSS for paper.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboard.title'));
  const { records, progress, reload } = useDeviceRecords();
  const names = useFigureNames();
  const [filter, setFilter] = useState<ReportFilter>(defaultPeriod);
  const [byWeek, setByWeek] = useState(false);
  const locale = i18n.language;
  const day = (value: string) => (value.includes('W') ? value : formatDate(value, locale));

  const figures = useMemo(() => {
    if (!records) return undefined;
    const now = new Date();
    return {
      received: (byWeek ? receivedPerWeek : receivedPerDay)(records.households, records.people, filter),
      totals: receivedTotals(records.households, records.people, filter),
      nationalities: nationalities(records.households, records.people, filter).slice(0, 10),
      departures: departuresPerDay(records.travelLegs, filter, now),
      destinations: topDestinations(records.households, records.travelLegs, filter, now, 10),
      tasks: openTasks(records.tasks, now, filter),
      milestones: overdueMilestones(records.milestones, now, filter),
      answered: callsAnsweredPerMonth(records.calls, filter),
      firstCall: firstCallResolution(records.calls, filter),
      byUnit: callbacksOnTime(records.calls, filter, now, 'unit'),
      byLanguage: callbacksOnTime(records.calls, filter, now, 'language'),
    };
  }, [records, filter, byWeek]);

  const number = new Intl.NumberFormat(locale);
  const sections = reportSections(filter.siteId ? names.directory.siteKinds.get(filter.siteId) : undefined);
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.intro')}</p>
      <ReportFilterFields
        filter={filter}
        onChange={setFilter}
        sites={names.directory.sites}
        idPrefix="dashboard"
      />
      <div className="report-actions">
        <label className="checkbox">
          <input type="checkbox" checked={byWeek} onChange={(e) => setByWeek(e.target.checked)} />{' '}
          {t('dashboard.byWeek')}
        </label>
        <button type="button" className="button" onClick={reload}>
          {t('dashboard.refresh')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('dashboard.print')}
        </button>
      </div>
      <p className="print-only">
        {t('dashboard.periodLine', {
          from: formatDate(filter.from, locale),
          to: formatDate(filter.to, locale),
        })}
      </p>
      {!figures ? <ProgressBar progress={progress} label={t('dashboard.loading')} /> : null}
      {figures ? (
        <div className="report-grid">
          {sections.welcomeCenter ? (
            <>
              <BarChartCard
                title={byWeek ? t('dashboard.receivedPerWeek') : t('dashboard.receivedPerDay')}
                summary={t('dashboard.receivedSummary', {
                  families: number.format(figures.totals.families),
                  people: number.format(figures.totals.people),
                  children: number.format(figures.totals.children),
                })}
                rows={figures.received}
                xKey="period"
                formatX={day}
                series={[
                  { key: 'families', label: t('dashboard.families'), color: FAMILY },
                  { key: 'children', label: t('dashboard.children'), color: CHILD },
                ]}
              />
              <BarChartCard
                title={t('dashboard.nationalities')}
                summary={t('dashboard.nationalitiesSummary', { count: figures.nationalities.length })}
                rows={figures.nationalities.map((n) => ({ name: names.country(n.key), count: n.count }))}
                xKey="name"
                layout="vertical"
                series={[{ key: 'count', label: t('dashboard.people'), color: FAMILY }]}
              />
              <BarChartCard
                title={t('dashboard.departuresPerDay')}
                summary={t('dashboard.departuresSummary', {
                  families: number.format(figures.departures.reduce((n, d) => n + d.families, 0)),
                  people: number.format(figures.departures.reduce((n, d) => n + d.people, 0)),
                })}
                rows={figures.departures}
                xKey="day"
                formatX={day}
                series={[
                  { key: 'families', label: t('dashboard.families'), color: FAMILY },
                  { key: 'people', label: t('dashboard.people'), color: CHILD },
                ]}
              />
              <BarChartCard
                title={t('dashboard.topDestinations')}
                summary={t('dashboard.destinationsSummary', { count: figures.destinations.length })}
                rows={figures.destinations.map((d) => ({ name: names.destination(d.key), count: d.count }))}
                xKey="name"
                layout="vertical"
                series={[{ key: 'count', label: t('dashboard.families'), color: FAMILY }]}
              />
              <section className="report-card">
                <h2>{t('dashboard.followUp')}</h2>
                <div className="report-figures">
                  <p>
                    <span className="report-figure__value">{number.format(figures.tasks.open)}</span>
                    {t('dashboard.openTasks')}
                  </p>
                  <p>
                    <span className="report-figure__value">{number.format(figures.tasks.overdue)}</span>
                    {t('dashboard.overdueTasks')}
                  </p>
                  <p>
                    <span className="report-figure__value">{number.format(figures.milestones.total)}</span>
                    {t('dashboard.overdueMilestones')}
                  </p>
                </div>
                {figures.milestones.byKind.length > 0 ? (
                  <ul>
                    {figures.milestones.byKind.map((k) => (
                      <li key={k.key}>
                        {names.milestoneKind(k.key)}: {number.format(k.count)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            </>
          ) : null}
          {sections.helpline ? (
            <>
              <BarChartCard
                title={t('dashboard.callsPerMonth')}
                summary={t('dashboard.callsSummary', {
                  count: figures.answered.reduce((n, m) => n + m.answered, 0),
                })}
                rows={figures.answered}
                xKey="month"
                formatX={(month) => formatMonth(month, locale)}
                series={[{ key: 'answered', label: t('dashboard.answered'), color: FAMILY }]}
              />
              <section className="report-card">
                <h2>{t('dashboard.firstCall')}</h2>
                <p>
                  <span className="report-figure__value">
                    {formatShare(figures.firstCall.share, locale, t('dashboard.notApplicable'))}
                  </span>
                  {t('dashboard.firstCallDetail', {
                    resolved: figures.firstCall.resolved,
                    total: figures.firstCall.total,
                  })}
                </p>
              </section>
              <CallbackTable
                title={t('dashboard.callbacksByUnit')}
                groups={figures.byUnit}
                name={names.unit}
              />
              <CallbackTable
                title={t('dashboard.callbacksByLanguage')}
                groups={figures.byLanguage}
                name={names.language}
              />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
