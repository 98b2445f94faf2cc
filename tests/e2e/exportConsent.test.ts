/**
 * A family's withdrawal of its agreement to share its information, made on a
 * volunteer's tablet, reaches the coordinator's device, whose export with
 * names then leaves that family's name and phone blank and says so (issue 21
 * item 3: consent withdrawal shown on every screen that exports).
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { mainNavLink, openApp, signInAs, waitUntilSynced } from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;
let coordinator: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteer = await seedUser(server, { username: 'vol.ines', password: 'volunteer pw 1', roles: ['volunteer'], siteIds: [SITE] });
  coordinator = await seedUser(server, { username: 'coord.omar', password: 'coordinator pw 1', roles: ['coordinator'], siteIds: [SITE] });
  const families = [
    ['hh-quispe', 'Quispe', '+1 303 555 0101', true],
    ['hh-mamani', 'Mamani', '+1 303 555 0102', true],
    ['hh-condori', 'Condori', '+1 303 555 0103', false],
  ] as const;
  for (const [id, familyName, contactPhone, dataSharing] of families) {
    // The form keeps a family to at least one member.
    const members = [{ id: `${id}-head`, givenName: 'Rosa', dateOfBirth: '1985-04-02', relationship: 'head' as const, languages: ['es'] }];
    await seedFamily(server, { id, familyName, contactPhone, members, legs: [], dataSharing });
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('consent to share, withdrawn at the desk', () => {
  it("leaves the family's name and phone out of the coordinator's export with names, and says so", async () => {
    // The volunteer's tablet: the Mamani family withdraws its agreement.
    const tablet = await (await newDevice(browser)).newPage();
    await openApp(tablet, server.url);
    await signInAs(tablet, server, volunteer);
    await tablet.getByRole('link', { name: /Mamani/ }).first().click({ timeout: 60_000 });
    await tablet.getByRole('link', { name: 'Edit' }).click();
    const consent = tablet.getByLabel('Agrees that their information is shared with partner organisations');
    expect(await consent.isChecked()).toBe(true);
    await consent.uncheck();
    await tablet.getByRole('button', { name: 'Save' }).click();
    await tablet.waitForURL(/\/households\/hh-mamani$/);
    await tablet.getByText('Agrees that their information is shared with partner organisations: No').waitFor();
    await waitUntilSynced(tablet);

    // The coordinator's device receives it and exports the month's families with names.
    const desk = await (await newDevice(browser, { viewport: { width: 1280, height: 800 } })).newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, coordinator);
    await waitUntilSynced(desk);
    await (await mainNavLink(desk, 'Export')).click();
    await desk.getByRole('heading', { level: 1, name: 'Export data (CSV with HXL)' }).waitFor();
    await desk.getByText(/or withdrew their agreement, are exported without names, phones or booking references/).waitFor();
    await desk.getByLabel('Include names, phone numbers and booking references').check();
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const [, hashtags = [], ...rows] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    const ids = rows.map((row) => row[hashtags.indexOf('#meta +id')]);
    expect(ids.sort()).toEqual(['hh-condori', 'hh-mamani', 'hh-quispe']);
    expect(csv).toContain('Quispe');
    expect(csv).toContain('+1 303 555 0101');
    expect(csv).not.toContain('Mamani');
    expect(csv).not.toContain('+1 303 555 0102');
    expect(csv).not.toContain('Condori');
    await desk
      .getByRole('status')
      .filter({ hasText: '2 rows left without names, phones or booking references: those families have not agreed to share their information.' })
      .waitFor();
  });
});
