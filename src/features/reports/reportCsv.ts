import Papa from 'papaparse';
import type { HelplineMonthlyReport, WelcomeCenterMonthlyReport } from '../../domain/reports/monthly';

type Label = (key: string) => string;
const pct = (share: number | undefined) => (share === undefined ? '' : (share * 100).toFixed(1));

/** The welcome-center report as CSV: one figure per row (figure, value), then destinations. */
export function welcomeCenterReportCsv(report: WelcomeCenterMonthlyReport, label: Label): string {
  return Papa.unparse(
    [
      [label('figure'), label('value')],
      [label('month'), report.month],
      [label('families'), report.families],
      [label('people'), report.people],
      [label('children'), report.children],
      [label('departedFamilies'), report.departedFamilies],
      [label('departedPeople'), report.departedPeople],
      ...report.destinations.map((d) => [`${label('destination')}: ${d.key}`, d.count]),
    ],
    { newline: '\r\n' },
  );
}

/** The helpline report as CSV; shares as percentages with one decimal, empty when nothing came due. */
export function helplineReportCsv(report: HelplineMonthlyReport, label: Label, name: { unit: Label; language: Label }): string {
  return Papa.unparse(
    [
      [label('figure'), label('value')],
      [label('month'), report.month],
      [label('answered'), report.answered],
      [label('escalated'), report.cases.escalated],
      [label('voicemail'), report.cases.voicemail],
      [label('casesClosed'), report.cases.closed],
      [label('firstCallPercent'), pct(report.firstCall.share)],
      [label('callbacksOnTime'), report.callbacks.onTime],
      [label('callbacksLate'), report.callbacks.late],
      [label('callbacksOnTimePercent'), pct(report.callbacks.share)],
      ...report.callbacksByUnit.map((g) => [`${label('callbacksOnTimePercent')}: ${name.unit(g.key)}`, pct(g.share)]),
      ...report.callbacksByLanguage.map((g) => [`${label('callbacksOnTimePercent')}: ${name.language(g.key)}`, pct(g.share)]),
    ],
    { newline: '\r\n' },
  );
}
