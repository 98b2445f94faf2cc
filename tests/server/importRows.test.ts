/**
 * Spreadsheet import over HTTP (issue 21 item 4): 2,000 rows with 20 bad rows
 * and 5 people already registered. The bad rows are refused with reasons,
 * the 5 are held back as duplicates with the records they match, the other
 * 1,975 are written through the push service (audited); a dry run writes
 * nothing; importing the same file again changes nothing; only coordinators
 * may import.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ImportOutcome, ImportRow } from '../../src/domain/importRows';
import type { ApiError } from '../../src/sync/protocol';
import {
  authFetch,
  createUser,
  householdDoc,
  personDoc,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

const REGISTERED = [
  { given: 'Amina', family: 'Yusuf', dob: '1984-02-11', sex: 'female' },
  { given: 'Hassan', family: 'Abdi', dob: '1979-07-03', sex: 'male' },
  { given: 'Grace', family: 'Uwase', dob: '1990-12-24', sex: 'female' },
  { given: 'Jean', family: 'Ndayishimiye', dob: '1988-05-30', sex: 'male' },
  { given: 'Meron', family: 'Tesfaye', dob: '1995-09-09', sex: 'female' },
];

/** Rows 1…2000; every 100th row (20) is bad in one way; rows 7, 407, 807, 1207, 1607 are registered people. */
function spreadsheet(): { rows: ImportRow[]; bad: Map<number, string>; duplicates: number[] } {
  const rows: ImportRow[] = [];
  const bad = new Map<number, string>();
  const duplicates = [7, 407, 807, 1207, 1607];
  const faults: [string, (values: ImportRow['values']) => void][] = [
    ['givenName', (v) => (v.givenName = '')],
    ['dateOfBirth', (v) => (v.dateOfBirth = '31/02/2010')],
    ['sex', (v) => (v.sex = 'x')],
    ['arrivalMode', (v) => (v.arrivalMode = 'plane')],
    ['estimatedAge', (v) => ((v.estimatedAge = 'about ten'), delete v.dateOfBirth)],
  ];
  for (let row = 1; row <= 2000; row += 1) {
    const values: ImportRow['values'] = {
      givenName: `Given${row}`,
      familyName: `Family${row}`,
      dateOfBirth: `20${String(10 + (row % 10))}-0${1 + (row % 9)}-${String(10 + (row % 18))}`,
      sex: row % 2 ? 'Female' : 'male',
      arrivalDate: '2026-03-01',
      arrivalMode: 'Bus',
      languages: 'es, en',
      destinationCity: 'Denver',
      destinationCountry: 'us',
    };
    const registered = REGISTERED[duplicates.indexOf(row)];
    if (registered) {
      Object.assign(values, {
        givenName: registered.given,
        familyName: registered.family,
        dateOfBirth: registered.dob,
        sex: registered.sex,
      });
    }
    if (row % 100 === 0) {
      const [field, spoil] = faults[(row / 100) % faults.length]!;
      spoil(values);
      bad.set(row, field);
    }
    rows.push({ row, values });
  }
  return { rows, bad, duplicates };
}

const fileKey = createHash('sha256').update('households-march.csv contents').digest('hex');

async function importAll(client: Client, rows: ImportRow[], dryRun: boolean) {
  const total: ImportOutcome = { written: [], unchanged: [], duplicates: [], refused: [] };
  for (let start = 0; start < rows.length; start += 200) {
    const answer = await readJson<ImportOutcome>(
      await authFetch(client, '/api/import/rows', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileKey, siteId: 'site-a', dryRun, rows: rows.slice(start, start + 200) }),
      }),
    );
    expect(answer.status).toBe(200);
    total.written.push(...answer.body.written);
    total.unchanged.push(...answer.body.unchanged);
    total.duplicates.push(...answer.body.duplicates);
    total.refused.push(...answer.body.refused);
  }
  return total;
}

async function countDocs(collection: string): Promise<number> {
  let count = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await server.store.pull(collection, afterSeq, 1000);
    if (page.documents.length === 0) return count;
    count += page.documents.filter((stored) => !stored.deleted).length;
    afterSeq = page.lastSeq;
  }
}

describe('spreadsheet import', () => {
  it('writes 1,975 of 2,000 rows, refuses 20 with reasons, holds back 5 duplicates; the same file again changes nothing', async () => {
    server = await startServer();
    // Five people registered at the intake before the import.
    for (const [index, person] of REGISTERED.entries()) {
      const householdId = `hh-registered-${index}`;
      const pushed = await pushRows(server.url, 'households', [
        {
          assumedMasterState: null,
          newDocumentState: householdDoc(householdId, { familyName: person.family }),
        },
      ]);
      expect(pushed.status).toBe(200);
      await pushRows(server.url, 'people', [
        {
          assumedMasterState: null,
          newDocumentState: personDoc(`p-registered-${index}`, householdId, {
            givenName: person.given,
            familyName: person.family,
            dateOfBirth: person.dob,
            sex: person.sex,
          }),
        },
      ]);
    }
    const { rows, bad, duplicates } = spreadsheet();
    const coordinator = { url: server.url, token: server.token };

    const dry = await importAll(coordinator, rows, true);
    expect(dry.written).toHaveLength(1975);
    expect(await countDocs('people')).toBe(5);

    const first = await importAll(coordinator, rows, false);
    expect(first.written).toHaveLength(1975);
    expect(first.refused.map((refusal) => refusal.row)).toEqual([...bad.keys()]);
    for (const refusal of first.refused) {
      expect(refusal.reasons.join(' '), `row ${refusal.row}`).toContain(bad.get(refusal.row));
    }
    expect(first.duplicates.map((duplicate) => duplicate.row)).toEqual(duplicates);
    expect(first.duplicates[0]?.matches).toEqual([{ id: 'p-registered-0', name: 'Amina Yusuf' }]);
    expect(await countDocs('people')).toBe(5 + 1975);
    expect(await countDocs('households')).toBe(5 + 1975);

    const imported = (await server.store.pull('people', 0, 1000)).documents.find((stored) =>
      stored.id.startsWith('impp-'),
    );
    expect(imported?.doc).toMatchObject({
      sex: expect.stringMatching(/^(female|male)$/),
      languages: ['es', 'en'],
    });
    const audit = await server.store.listAudit({ collection: 'people', limit: 5000 });
    expect(
      audit.filter((entry) => entry.action === 'create' && entry.userId === server.user.id),
    ).toHaveLength(1980);

    const auditBefore = (await server.store.listAudit({ limit: 10_000 })).length;
    const again = await importAll(coordinator, rows, false);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(1975);
    expect(again.refused).toHaveLength(20);
    expect(again.duplicates.map((duplicate) => duplicate.row)).toEqual(duplicates);
    expect(await countDocs('people')).toBe(5 + 1975);
    expect((await server.store.listAudit({ limit: 10_000 })).length).toBe(auditBefore);
  }, 120_000);

  it('refuses anyone but a coordinator, a site outside theirs and a malformed chunk, writing nothing', async () => {
    server = await startServer();
    const rows = spreadsheet().rows.slice(0, 3);
    const body = (extra: Record<string, unknown> = {}) =>
      JSON.stringify({ fileKey, siteId: 'site-a', dryRun: false, rows, ...extra });
    for (const roles of [['volunteer'], ['admin'], ['caseworker']] as const) {
      const user = await createUser(server, { roles: [...roles], siteIds: ['site-a'] });
      const answer = await readJson<ApiError>(
        await authFetch(user, '/api/import/rows', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(),
        }),
      );
      expect(answer.status, roles.join()).toBe(403);
    }
    const elsewhere = await authFetch(server.url, '/api/import/rows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body({ siteId: 'site-b' }),
    });
    expect(elsewhere.status).toBe(403);
    const tooMany = await authFetch(server.url, '/api/import/rows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body({ rows: spreadsheet().rows.slice(0, 201) }),
    });
    expect(tooMany.status).toBe(400);
    expect(await countDocs('people')).toBe(0);
  });
});
