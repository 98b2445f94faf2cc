/**
 * Call-back promises set by an administrator (issue 16 item 7), in real
 * Chromium: on the sites page the admin moves a site's office hours to
 * another time zone and changes a unit's promise to 2 working days; a
 * helpline agent who then escalates a call to that unit sees the due time
 * counted in working days in that site's office hours, with its time zone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { callbackDueFor, type OfficeHours } from '../../src/domain/callbackDue';
import { formatDayAndTime } from '../../src/ui/dates';
import { DEFAULT_HELPLINE_CONFIG } from '../../src/features/helpline/config';
import { launchChromium, newDevice } from './browser';
import { seedAdmin, seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { mainNavLink, openAdministration, openApp, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'phoenix';
/** The built-in hours moved to a zone other than Nairobi, with no DST: the test reads the site's hours, not the default. */
const PHOENIX: OfficeHours = { ...DEFAULT_HELPLINE_CONFIG.officeHours, timeZone: 'America/Phoenix' };

let browser: Browser;
let server: E2eServer;
let admin: E2eUser;
let agent: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putSite({
      id: SITE,
      name: 'Phoenix helpline',
      kind: 'helpline_office',
      createdAt: at,
      updatedAt: at,
    });
    await tx.putUnit({
      id: 'resettlement',
      name: 'Resettlement',
      siteId: SITE,
      callbackHours: 48,
      createdAt: at,
      updatedAt: at,
    });
  });
  admin = await seedAdmin(server, [SITE]);
  agent = await seedUser(server, {
    username: 'agent.abdi',
    password: 'agent password 1',
    roles: ['helpline_agent'],
    siteIds: [SITE],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a unit’s call-back promise', () => {
  it('changed by an admin to 2 working days reaches the call desk, whose due time says its zone', async () => {
    const office = await (await newDevice(browser)).newPage();
    await openAdministration(office, server, admin, 'sites');

    // The site's office hours: an unknown zone is refused on the page, a real one is stored.
    const hours = office.getByRole('form', { name: 'Office hours of Phoenix helpline' });
    await hours.getByLabel('Time zone').fill('Africa/Atlantis');
    await hours.getByRole('button', { name: 'Save office hours' }).click();
    await hours.getByRole('alert').getByText('The time zone is not known').waitFor();
    expect((await server.store.getSite(SITE))?.officeHours).toBeUndefined();
    // The box is marked and takes the focus, so the person is where the fix goes.
    const zone = hours.getByLabel('Time zone');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await zone.evaluate((box) => box === document.activeElement)).toBe(true);
    // So are a day that closes before it opens and a holiday not written as a date; each box is put back after.
    await hours.getByLabel('Monday closes at').fill('07:00');
    const holidays = hours.getByLabel(/^Holidays in \d{4}$/);
    const holidayText = await holidays.inputValue();
    await holidays.fill(`${holidayText}\nnext Tuesday`);
    await hours.getByRole('button', { name: 'Save office hours' }).click();
    await hours.getByRole('alert').getByText('Each open day must close after it opens.').waitFor();
    await hours.getByRole('alert').getByText('Each holiday must be a date written YYYY-MM-DD.').waitFor();
    expect((await server.store.getSite(SITE))?.officeHours).toBeUndefined();
    expect(await hours.getByLabel('Monday closes at').getAttribute('aria-invalid')).toBe('true');
    expect(await hours.getByLabel('Tuesday closes at').getAttribute('aria-invalid')).toBeNull();
    expect(await holidays.getAttribute('aria-invalid')).toBe('true');
    await hours.getByLabel('Monday closes at').fill('17:00');
    await holidays.fill(holidayText);
    await hours.getByLabel('Time zone').fill('America/Phoenix');
    // A wrong date in a year not shown: that year's box is shown again, marked and focused.
    const year = hours.getByLabel('Holidays of the year');
    const thisYear = await year.inputValue();
    const lastYear = String(Number(thisYear) - 1);
    await year.selectOption(lastYear);
    const lastYearHolidays = hours.getByLabel(`Holidays in ${lastYear}`);
    const lastYearText = await lastYearHolidays.inputValue();
    await lastYearHolidays.fill(`${lastYearText}\n31/12/${lastYear}`);
    await year.selectOption(thisYear);
    await hours.getByRole('button', { name: 'Save office hours' }).click();
    await hours.getByRole('alert').getByText('Each holiday must be a date written YYYY-MM-DD.').waitFor();
    expect(await year.inputValue()).toBe(lastYear);
    expect(await lastYearHolidays.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => lastYearHolidays.evaluate((box) => box === document.activeElement)).toBe(true);
    expect((await server.store.getSite(SITE))?.officeHours).toBeUndefined();
    await lastYearHolidays.fill(lastYearText);
    await hours.getByRole('button', { name: 'Save office hours' }).click();
    await expect.poll(async () => (await server.store.getSite(SITE))?.officeHours).toEqual(PHOENIX);
    // A unit is changed in a dialog with its own Save; the table shows the stored promise.
    await office.getByRole('button', { name: 'Change Resettlement' }).click();
    const unitForm = office.getByRole('dialog').getByRole('form', { name: 'Resettlement' });
    await unitForm.getByLabel('Call-back promise').fill('2');
    await unitForm.getByLabel('Counted in').selectOption('working_days');
    await unitForm.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => server.store.getUnit('resettlement'))
      .toMatchObject({ callbackHours: 2, callbackBasis: 'working_days' });
    // The save is confirmed, the dialog closes and the table shows what was stored.
    await office.getByRole('status').getByText('Unit saved').waitFor();
    await office
      .getByRole('table', { name: 'Units' })
      .getByRole('row')
      .filter({ hasText: 'Resettlement' })
      .getByText('2 working days (same time of day)')
      .waitFor();

    // Part of a working day is refused on the page, and nothing is sent.
    await office.getByRole('button', { name: 'Change Resettlement' }).click();
    await unitForm.getByLabel('Call-back promise').fill('1.5');
    await unitForm.getByRole('button', { name: 'Save' }).click();
    await unitForm
      .getByText('Enter a number above 0: whole working days (up to 60), or hours (up to 720).')
      .waitFor();
    expect(await server.store.getUnit('resettlement')).toMatchObject({ callbackHours: 2 });
    await office.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const desk = await (await newDevice(browser)).newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);
    await (await mainNavLink(desk, 'Call desk')).click();
    await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();
    await desk.getByLabel("Caller's language").selectOption('en');
    await desk.getByLabel('Category').selectOption('resettlement');
    await desk.getByLabel('Summary').fill('Asks about the resettlement interview.');
    await desk.keyboard.press('Alt+E');
    const unit = desk.getByLabel('Unit', { exact: true });
    await expect
      .poll(() => unit.locator('option[value="resettlement"]').textContent())
      .toBe('Resettlement (call back within 2 working days)');
    const before = new Date();
    await unit.selectOption('resettlement');
    const due = desk.locator('.callback-promise__due');
    await due.waitFor();
    const shown = (await due.textContent()) ?? '';
    const after = new Date();
    // The page computed it between `before` and `after`: one of those minutes.
    const expected = [before, after].map(
      (at) =>
        `Call back by ${formatDayAndTime(callbackDueFor(at, { amount: 2, unit: 'working_days' }, PHOENIX), 'en', { timeZone: PHOENIX.timeZone })}`,
    );
    expect(expected).toContain(shown);
    expect(shown).toMatch(/MST \(Phoenix\)$/);
  });
});
