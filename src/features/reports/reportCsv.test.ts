import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { helplineMonthlyReport, welcomeCenterMonthlyReport } from '../../domain/reports/monthly';
import { calls, HELPLINE_NOW, HL, households, legs, people, WC } from '../../../tests/fixtures/reportFixtures';
import { helplineReportCsv, welcomeCenterReportCsv } from './reportCsv';

const label = (key: string) => key;
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('monthly report CSV', () => {
  it('welcome center: one figure per row, the numbers of the report', () => {
    const rows = parse(welcomeCenterReportCsv(welcomeCenterMonthlyReport('2026-03', WC, { households, people, legs }, HELPLINE_NOW), label));
    expect(rows[0]).toEqual(['figure', 'value']);
    expect(Object.fromEntries(rows.slice(1, 7))).toEqual({
      month: '2026-03',
      families: '3',
      people: '7',
      children: '3',
      departedFamilies: '4',
      departedPeople: '8',
    });
    expect(rows.slice(7)).toEqual([
      ['destination: Denver, US', '2'],
      ['destination: CA', '1'],
      ['destination: Chicago, US', '1'],
    ]);
  });

  it('helpline: percentages with one decimal, empty when nothing came due', () => {
    const report = helplineMonthlyReport('2026-03', HL, calls, HELPLINE_NOW);
    const rows = Object.fromEntries(parse(helplineReportCsv(report, label, { unit: (k) => k || 'voicemail', language: (k) => k })));
    expect(rows).toMatchObject({ answered: '3', escalated: '2', voicemail: '1', casesClosed: '1', firstCallPercent: '0.0', callbacksOnTimePercent: '50.0' });
    expect(rows['callbacksOnTimePercent: voicemail']).toBe('100.0');
    expect(rows['callbacksOnTimePercent: protection']).toBe('0.0');
  });
});
