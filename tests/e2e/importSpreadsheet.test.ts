/**
 * The import screen (issue 21 item 4) in the browser: a coordinator uploads a
 * 2,000-row CSV with 20 bad rows and 5 people already registered, maps the
 * two columns the screen could not guess, sees the bad rows in the preview,
 * runs the dry run, imports, and reads the report; the records are on the
 * server.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { hasHorizontalScroll, openApp, signInAs, mainNavLink } from './appDriver';
import { householdDoc, personDoc } from '../helpers/testServer';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const REGISTERED = [
  ['Amina', 'Yusuf', '1984-02-11', 'female'],
  ['Hassan', 'Abdi', '1979-07-03', 'male'],
  ['Grace', 'Uwase', '1990-12-24', 'female'],
  ['Jean', 'Ndayishimiye', '1988-05-30', 'male'],
  ['Meron', 'Tesfaye', '1995-09-09', 'female'],
] as const;

function csv(): string {
  const lines = ['First name,Surname,DOB,Gender,Arrived on,Arrival,Family ID'];
  for (let row = 1; row <= 2000; row += 1) {
    let cells = [`Given${row}`, `Family${row}`, `20${10 + (row % 10)}-0${1 + (row % 9)}-${10 + (row % 18)}`, row % 2 ? 'female' : 'male', '2026-03-01', 'bus', ''];
    const registered = REGISTERED[[7, 407, 807, 1207, 1607].indexOf(row)];
    if (registered) cells = [...registered, '2026-03-01', 'bus', ''];
    if (row % 100 === 0) cells[3] = 'unknown-sex';
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function countPeople(): Promise<number> {
  let count = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await server.store.pull('people', afterSeq, 1000);
    if (page.documents.length === 0) return count;
    count += page.documents.length;
    afterSeq = page.lastSeq;
  }
}

describe('import screen', () => {
  it('maps, previews the bad rows, dry-runs, imports 1,975 rows and reports the 20 refused and 5 held back', async () => {
    const coordinator = await seedUser(server, { username: 'wanjiku', password: 'wanjiku-password-1', roles: ['coordinator'] });
    await server.store.transaction(async (tx) => {
      for (const [index, [given, family, dob, sex]] of REGISTERED.entries()) {
        await tx.putDocument('households', householdDoc(`hh-known-${index}`, { siteId: 'main', familyName: family }), 'main');
        await tx.putDocument(
          'people',
          personDoc(`p-known-${index}`, `hh-known-${index}`, { siteId: 'main', givenName: given, familyName: family, dateOfBirth: dob, sex }),
          'main',
        );
      }
    });

    const office = await newDevice(browser);
    const page = await office.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, coordinator);
    await (await mainNavLink(page, 'Import')).click();
    await page.getByRole('heading', { level: 1, name: 'Import families from a spreadsheet' }).waitFor();

    await page.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({
      name: 'zendesk-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(), 'utf8'),
    });
    await page.getByText('zendesk-export.csv: 2000 rows').waitFor();
    // Guessed from the headers: names, date of birth, sex, family. Not guessed: the two arrival columns.
    await page.getByRole('alert').filter({ hasText: 'Map a column to each of: Arrival date, How they arrived' }).waitFor();
    await page.getByLabel('Arrived on').selectOption('arrivalDate');
    await page.getByLabel('Arrival', { exact: true }).selectOption('arrivalMode');

    await page.getByText('2000 rows; refused by the intake rules: 20.').waitFor();
    // A phone's width: the mapping and the preview fit without scrolling sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    const preview = page.getByRole('region', { name: 'Preview' }).getByRole('table', { name: 'Rows refused' });
    await expect.poll(() => preview.getByRole('row').count()).toBe(21);
    await expect.poll(() => preview.getByRole('row').nth(1).textContent()).toBe('100Not valid: Sex');

    await page.getByRole('button', { name: 'Dry run (check with the server, write nothing)' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor({ timeout: 120_000 });
    await page.getByText('1975 rows would be written').waitFor();
    expect(await countPeople()).toBe(5);

    await page.getByRole('button', { name: 'Import 1980 rows' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 180_000 });
    const report = page.getByRole('region', { name: 'Import report' });
    await report.getByText('1975 rows written').waitFor();
    await report.getByText('20 rows refused').waitFor();
    await report.getByText('5 rows held back as possible duplicates').waitFor();
    await expect.poll(() => report.getByRole('table', { name: 'Rows refused' }).getByRole('row').count()).toBe(21);
    const held = report.getByRole('table', { name: 'Rows held back: probably already registered' });
    await expect.poll(() => held.getByRole('row').nth(1).textContent()).toBe('7Amina Yusuf');
    expect(await countPeople()).toBe(5 + 1975);
    await office.close();
  }, 300_000);

  it('imports an Excel workbook (.xlsx): its date cells read as dates, and a second import of it changes nothing', async () => {
    const { default: writeExcelFile } = await import('write-excel-file/node');
    const rows: (string | number | Date | null)[][] = [['First name', 'Surname', 'DOB', 'Gender', 'Arrived on', 'Arrival', 'Family ID']];
    for (let row = 1; row <= 30; row += 1) {
      rows.push([`Xl${row}`, `Workbook${row}`, new Date(Date.UTC(1980 + row, row % 12, row)), row % 2 ? 'female' : 'male', new Date(Date.UTC(2026, 2, 1)), 'bus', 500 + row]);
    }
    rows[4]![3] = 'unknown-sex';
    const xlsx = await writeExcelFile(rows, { dateFormat: 'yyyy-mm-dd' }).toBuffer();
    const coordinator = await seedUser(server, { username: 'amani', password: 'amani-password-1', roles: ['coordinator'] });
    const office = await newDevice(browser);
    const page = await office.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, coordinator);
    await (await mainNavLink(page, 'Import')).click();
    const choose = async () => {
      await page.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({
        name: 'excel-export.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: xlsx,
      });
      await page.getByText('excel-export.xlsx: 30 rows').waitFor();
    };
    await choose();
    await page.getByLabel('Arrived on').selectOption('arrivalDate');
    await page.getByLabel('Arrival', { exact: true }).selectOption('arrivalMode');
    await page.getByText('30 rows; refused by the intake rules: 1.').waitFor();
    await page.getByRole('button', { name: 'Dry run (check with the server, write nothing)' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Import 29 rows' }).click();
    await page.getByRole('region', { name: 'Import report' }).getByText('29 rows written').waitFor({ timeout: 60_000 });

    const people = (await server.store.pull('people', 0, 5000)).documents.map((stored) => stored.doc as Record<string, unknown>);
    const first = people.find((person) => person.givenName === 'Xl1');
    expect(first?.dateOfBirth).toBe('1981-02-01');
    expect(people.filter((person) => String(person.givenName).startsWith('Xl'))).toHaveLength(29);

    // The same workbook chosen again: nothing new is written.
    await choose();
    await page.getByText('30 rows; refused by the intake rules: 1.').waitFor();
    await page.getByRole('button', { name: 'Dry run (check with the server, write nothing)' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Import 29 rows' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Import report' }).getByText('29 rows already imported from this file (unchanged)').waitFor();
    const after = (await server.store.pull('people', 0, 5000)).documents.filter((stored) => String((stored.doc as Record<string, unknown>).givenName).startsWith('Xl'));
    expect(after).toHaveLength(29);
    await office.close();
  }, 180_000);
});
