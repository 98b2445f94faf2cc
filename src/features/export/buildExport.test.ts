import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { deriveHousehold, emptyNeeds, type Household } from '../../domain/household';
import { derivePerson, type Person } from '../../domain/person';
import type { TravelLeg } from '../../domain/travel';
import { deriveCall, type Call } from '../../domain/calls';
import { CALL_COLUMNS, HOUSEHOLD_COLUMNS, PEOPLE_COLUMNS, TRAVEL_LEG_COLUMNS } from '../../domain/hxl';
import { buildExport, type ExportData } from './buildExport';

const at = '2026-03-01T08:00:00.000Z';
const meta = (id: string, siteId = 'wc') => ({ id, siteId, createdAt: at, updatedAt: at, updatedBy: 'u', deviceId: 'd' });

function household(id: string, familyName: string, arrivalDate: string, siteId = 'wc'): Household {
  return deriveHousehold({
    ...meta(id, siteId),
    familyName,
    contactPhone: '+1 303 555 0100',
    arrivalDate,
    arrivalMode: 'bus',
    needs: { ...emptyNeeds(), food: true, shelter: true },
    destination: { city: 'Denver', region: 'CO', country: 'US' },
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: '',
  });
}

function person(id: string, householdId: string, givenName: string, sex: Person['sex'], dateOfBirth: string): Person {
  return derivePerson({
    ...meta(id),
    householdId,
    givenName,
    familyName: 'Pérez, "Chema"',
    dateOfBirth,
    sex,
    relationship: 'head',
    nationality: 'HN',
    languages: ['es', 'mam'],
    interpreterNeeded: true,
    nameKey: '',
    familyKey: '',
  });
}

function leg(id: string, householdId: string, departureAt: string): TravelLeg {
  return {
    ...meta(id),
    householdId,
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt,
    departurePlace: 'El Paso',
    arrivalPlace: 'Denver',
    bookingReference: 'GH-123',
    seats: 3,
    status: 'ticketed',
    statusHistory: {},
  };
}

function call(id: string, startedAt: string): Call {
  return deriveCall({
    ...meta(id, 'hl'),
    startedAt,
    agentId: 'agent',
    callerPhone: '+254712345678',
    callerLanguage: 'so',
    category: 'resettlement',
    summary: 'Never exported',
    verification: { attempts: {} },
    outcome: { kind: 'escalated', unitId: 'resettlement', callbackDueAt: '2026-03-05T09:00:00.000Z' },
    callbacks: {},
    assignments: {},
    verificationStatus: 'unverified',
    status: 'open',
    dueAt: '',
    assignedUnitId: '',
    assignedTo: '',
  });
}

const data: ExportData = {
  households: [
    household('h1', '=HYPERLINK("x")', '2026-03-02'),
    household('h2', 'Pérez', '2026-03-03'),
    household('h3', 'Late', '2026-04-01'), // after the period
    household('h4', 'Elsewhere', '2026-03-02', 'other'), // another site
  ],
  people: [
    person('p1', 'h1', 'Ana', 'female', '1990-01-01'),
    person('p2', 'h1', 'Luis', 'male', '2016-03-03'), // 9 on arrival: a child
    person('p3', 'h2', 'José', 'male', '1980-01-01'),
    person('p4', 'h3', 'Eva', 'female', '1980-01-01'), // family outside the period
  ],
  travelLegs: [leg('l1', 'h1', '2026-03-04T10:00:00.000Z'), leg('l2', 'h2', '2026-04-04T10:00:00.000Z')],
  calls: [call('c1', '2026-03-04T10:00:00.000Z'), call('c2', '2026-03-05T10:00:00.000Z')],
};

const filter = { from: '2026-03-01', to: '2026-03-31', siteId: 'wc' };
const now = new Date('2026-03-10T00:00:00.000Z');

function parse(csv: string): string[][] {
  const result = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('CSV exports with HXL hashtags', () => {
  it('households: header, hashtag row and one row per family received in the period at the site', async () => {
    const progress: number[] = [];
    const built = await buildExport('households', data, filter, { withNames: true, now }, (p) => progress.push(p.done));
    const [header, hashtags, ...rows] = parse(built.csv);
    expect(header).toEqual(HOUSEHOLD_COLUMNS.map((c) => c.key));
    expect(hashtags).toEqual(HOUSEHOLD_COLUMNS.map((c) => c.hashtag));
    expect(hashtags?.every((tag) => tag.startsWith('#'))).toBe(true);
    expect(rows).toHaveLength(2);
    expect(built.rows).toBe(2);
    expect(progress.at(-1)).toBe(2);
    const column = (name: string) => header!.indexOf(name);
    const first = rows[0]!;
    // A name that would run as a spreadsheet formula is neutralised; phone numbers stay as typed.
    expect(first[column('familyName')]).toBe(`'=HYPERLINK("x")`);
    expect(first[column('phone')]).toBe('+1 303 555 0100');
    expect(first[column('people')]).toBe('2');
    expect(first[column('children')]).toBe('1');
    expect(first[column('needs')]).toBe('food shelter');
    expect(first[column('destinationCountry')]).toBe('US');
    expect(built.fileName).toBe('waystation-households-2026-03-01-2026-03-31-wc.csv');
  });

  it('people without names: no name column, ages on arrival and sex as summable 1/0 columns', async () => {
    const built = await buildExport('people', data, filter, { withNames: false, now, header: (key) => `H:${key}` });
    const [header, hashtags, ...rows] = parse(built.csv);
    const kept = PEOPLE_COLUMNS.filter((c) => !c.personal);
    expect(header).toEqual(kept.map((c) => `H:${c.key}`));
    expect(hashtags).toEqual(kept.map((c) => c.hashtag));
    expect(hashtags).not.toContain('#affected +name');
    expect(rows).toHaveLength(3); // p1, p2, p3 (p4's family arrived in April)
    expect(built.csv).not.toContain('Ana');
    const col = (tag: string) => hashtags!.indexOf(tag);
    expect(rows.map((r) => r[col('#affected +age')])).toEqual(['36', '9', '46']);
    expect(rows.map((r) => r[col('#affected +f +num')])).toEqual(['1', '0', '0']);
    expect(rows.map((r) => r[col('#affected +children +num')])).toEqual(['0', '1', '0']);
    expect(rows[0]![col('#language +code +list')]).toBe('es mam');
    expect(rows[0]![col('#country +code +origin')]).toBe('HN');
  });

  it('a name with a comma and quotes survives the round trip', async () => {
    const built = await buildExport('people', data, filter, { withNames: true, now });
    const [header, , ...rows] = parse(built.csv);
    expect(rows[0]![header!.indexOf('name')]).toBe('Ana Pérez, "Chema"');
  });

  it('travel legs and calls: filtered by departure or start time and site', async () => {
    const legs = parse((await buildExport('travelLegs', data, filter, { withNames: false, now })).csv);
    expect(legs[1]).toEqual(TRAVEL_LEG_COLUMNS.filter((c) => !c.personal).map((c) => c.hashtag));
    expect(legs).toHaveLength(2 + 1);
    const calls = parse((await buildExport('calls', data, { ...filter, siteId: 'hl' }, { withNames: false, now })).csv);
    expect(calls[1]).toEqual(CALL_COLUMNS.filter((c) => !c.personal).map((c) => c.hashtag));
    expect(calls).toHaveLength(2 + 2);
    // The promise of 5 March passed with no call-back by the 10th.
    expect(calls[2]![calls[1]!.indexOf('#indicator +callback_timing +text')]).toBe('late');
    expect(calls.flat().join()).not.toContain('Never exported');
  });

  it('a family that has not agreed to share its information keeps its row but no name, phone or booking reference', async () => {
    const h2 = data.households.find((h) => h.id === 'h2')!;
    const withdrawn: ExportData = {
      ...data,
      households: data.households.map((h) => (h === h2 ? { ...h2, consent: { ...h2.consent, dataSharing: false } } : h)),
      calls: [{ ...data.calls[0]!, householdId: 'h2' }, data.calls[1]!],
    };
    const households = await buildExport('households', withdrawn, filter, { withNames: true, now });
    const [hh, , ...hhRows] = parse(households.csv);
    expect(hhRows).toHaveLength(2); // the counts stay true
    expect(hhRows[1]![hh!.indexOf('familyName')]).toBe('');
    expect(hhRows[1]![hh!.indexOf('phone')]).toBe('');
    expect(hhRows[1]![hh!.indexOf('people')]).toBe('1');
    expect(hhRows[0]![hh!.indexOf('phone')]).toBe('+1 303 555 0100');
    expect(households.withheld).toBe(1);
    expect(households.csv).not.toContain('Pérez,');

    const people = await buildExport('people', withdrawn, filter, { withNames: true, now });
    expect(people.csv).not.toContain('José');
    expect(people.csv).toContain('Ana');
    expect(people.withheld).toBe(1);

    const legs = await buildExport('travelLegs', withdrawn, { ...filter, to: '2026-04-30' }, { withNames: true, now });
    const [legHead, , ...legRows] = parse(legs.csv);
    expect(legRows.map((r) => r[legHead!.indexOf('booking')])).toEqual(['GH-123', '']);
    expect(legs.withheld).toBe(1);

    // A call about the family follows its consent; a call about no registered family is the helpline's own.
    const calls = await buildExport('calls', withdrawn, { ...filter, siteId: 'hl' }, { withNames: true, now });
    const [callHead, , ...callRows] = parse(calls.csv);
    expect(callRows.map((r) => r[callHead!.indexOf('phone')])).toEqual(['', '+254712345678']);
    expect(calls.withheld).toBe(1);

    // Without names nothing personal is exported, so nothing is counted as withheld.
    expect((await buildExport('households', withdrawn, filter, { withNames: false, now })).withheld).toBe(0);
  });
});
