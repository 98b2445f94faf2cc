import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CALL_COLUMNS, HOUSEHOLD_COLUMNS, hxlHeadRows, PEOPLE_COLUMNS, toCsv, TRAVEL_LEG_COLUMNS } from './hxl';

const ALL = { households: HOUSEHOLD_COLUMNS, people: PEOPLE_COLUMNS, travelLegs: TRAVEL_LEG_COLUMNS, calls: CALL_COLUMNS };
// HXL 1.1: a hashtag is "#" + a name, then attributes "+" + a lower-case name.
const HASHTAG = /^#[a-z][a-z0-9_]*(\s+\+[a-z][a-z0-9_]*)*$/;

describe('HXL mapping', () => {
  it.each(Object.entries(ALL))('%s: every hashtag is well formed and keys are unique', (_name, columns) => {
    for (const column of columns) expect(column.hashtag).toMatch(HASHTAG);
    expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
    expect(new Set(columns.map((c) => c.hashtag)).size).toBe(columns.length);
  });

  it('personal columns are exactly the names, phones and booking references', () => {
    const personal = Object.values(ALL).flatMap((columns) => columns.filter((c) => c.personal).map((c) => c.hashtag));
    expect(personal.sort()).toEqual(['#affected +name', '#affected +name +hh', '#contact +phone', '#contact +phone', '#meta +booking'].sort());
  });

  it('writes a header row, then the hashtag row, then data, as CSV papaparse reads back', () => {
    const head = hxlHeadRows(TRAVEL_LEG_COLUMNS, { withNames: false, header: (key) => key.toUpperCase() });
    const csv = toCsv(head, [['l1', 'h1']]);
    const [header, hashtags, row] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(header?.[0]).toBe('ID');
    expect(hashtags?.[0]).toBe('#meta +id');
    expect(hashtags).not.toContain('#meta +booking');
    expect(row).toEqual(['l1', 'h1']);
    expect(csv).toContain('\r\n');
  });
});
