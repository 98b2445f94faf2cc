/**
 * Device scope over time in the browser (issue 21 item 1): an administrator
 * sets, on the Records on devices screen at phone width, that intake
 * volunteers keep a departed family 10 days. Once the server's clock has
 * passed that, the volunteer's tablet lets go of a departed family at its
 * next sync (nothing of it left in IndexedDB) while the server keeps it; a
 * departed family the volunteer edited stays while the edit cannot be
 * pushed, and goes once it is; a coordinator's device still receives both.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { deviceHolds } from './deviceTraces';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { seedFamily, SITE } from './welcomeSeed';
import { hasHorizontalScroll, mainNavLink, openApp, pendingCount, signInAs, unlockWithPin } from './appDriver';

const DAY = 86_400_000;
let clockOffset = 0;
let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({
    staticDir: inject('appDir'),
    clock: () => new Date(Date.now() + clockOffset),
    sessionTtlMs: 365 * DAY,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A family of one, departed an hour ago (its household's last change). */
async function seedDeparted(id: string, familyName: string, givenName: string): Promise<void> {
  await seedFamily(server, {
    id,
    familyName,
    contactPhone: '+1 720 555 0101',
    members: [{ id: `${id}-1`, givenName, dateOfBirth: '1988-02-03', relationship: 'head', languages: ['am'] }],
    legs: [],
  });
  const household = await server.store.getDocument('households', id);
  await server.store.transaction((tx) => tx.putDocument('households', { ...household!.doc, status: 'departed' }, SITE));
}

describe('records on devices over time', () => {
  it('lets a volunteer’s tablet go of a departed family after the window, not a coordinator’s, and not before an edit is pushed', async () => {
    await seedDeparted('fam-gone', 'Haile', 'Selam');
    await seedDeparted('fam-edited', 'Tesfaye', 'Meron');
    await seedFamily(server, {
      id: 'fam-here',
      familyName: 'Abebe',
      contactPhone: '+1 720 555 0102',
      members: [{ id: 'fam-here-1', givenName: 'Dawit', dateOfBirth: '1990-05-06', relationship: 'head', languages: ['am'] }],
      legs: [],
    });
    const admin = await seedUser(server, { username: 'admin-scope', password: 'admin-scope-pass-1', roles: ['admin'] });
    const volunteer = await seedUser(server, { username: 'vol-scope', password: 'vol-scope-pass-1', roles: ['volunteer'] });
    const coordinator = await seedUser(server, { username: 'coord-scope', password: 'coord-scope-pass-1', roles: ['coordinator'] });

    // The administrator, on a phone: intake volunteers keep a departed family 10 days.
    const office = await newDevice(browser);
    const adminPage = await office.newPage();
    await adminPage.setViewportSize({ width: 360, height: 740 });
    await openApp(adminPage, server.url);
    await signInAs(adminPage, server, admin);
    await adminPage.getByRole('link', { name: 'Records on devices' }).click();
    const form = adminPage.getByRole('form', { name: `Site ${SITE}` });
    const volunteerDays = form.getByLabel('Intake volunteer: days kept');
    await volunteerDays.waitFor({ timeout: 30_000 });
    expect(await volunteerDays.inputValue()).toBe('14');
    expect(await form.getByLabel('Coordinator: days kept').inputValue()).toBe('');
    await volunteerDays.fill('ten');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('A whole number of days from 0 to 3650, or empty.').waitFor();
    await volunteerDays.fill('10');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await hasHorizontalScroll(adminPage)).toBe(false);
    expect((await server.store.deviceScopeRules()).find((r) => r.role === 'volunteer')?.keepDays).toBe(10);

    // The volunteer's tablet holds the three families.
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    for (const name of ['Haile', 'Tesfaye', 'Abebe']) await page.getByText(name).first().waitFor({ timeout: 60_000 });
    expect(await deviceHolds(page, 'Haile')).toBe(true);

    // The volunteer corrects the departed Tesfaye family's phone; the push cannot get through.
    await tablet.route('**/api/sync/households/push', (route) => route.abort());
    await page.goto(`${server.url}/households/fam-edited`);
    await unlockWithPin(page);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Contact phone').fill('+1 720 555 0199');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(1);

    // Eleven days later by the server's clock, the tablet's next sync.
    clockOffset = 11 * DAY;
    await page.goto(server.url);
    await unlockWithPin(page);
    await (await mainNavLink(page, 'Families')).click();
    await expect.poll(() => deviceHolds(page, 'Haile'), { timeout: 60_000 }).toBe(false);
    expect(await deviceHolds(page, 'Selam')).toBe(false);
    await page.getByText('Abebe').first().waitFor();
    expect(await page.getByText('Haile').count()).toBe(0);
    // The family with the waiting edit stays, whole.
    expect(await page.getByText('Tesfaye').count()).toBeGreaterThan(0);
    expect(await deviceHolds(page, 'Meron')).toBe(true);
    expect(await pendingCount(page)).toBe(1);
    // The server keeps the family the tablet let go of.
    expect((await server.store.getDocument('households', 'fam-gone'))?.doc).toMatchObject({ _deleted: false, familyName: 'Haile' });

    // The edit gets through, and the family goes at the sync after.
    await tablet.unroute('**/api/sync/households/push');
    await expect.poll(async () => (await server.store.getDocument('households', 'fam-edited'))?.doc.contactPhone, { timeout: 60_000 }).toBe(
      '+1 720 555 0199',
    );
    await expect.poll(() => deviceHolds(page, 'Tesfaye'), { timeout: 60_000 }).toBe(false);
    expect(await deviceHolds(page, 'Abebe')).toBe(true);
    expect((await server.store.getDocument('households', 'fam-edited'))?.doc._deleted).toBe(false);

    // A coordinator's device still receives both departed families.
    const desk = await newDevice(browser);
    const deskPage = await desk.newPage();
    await openApp(deskPage, server.url);
    await signInAs(deskPage, server, coordinator);
    await (await mainNavLink(deskPage, 'Families')).click();
    for (const name of ['Haile', 'Tesfaye', 'Abebe']) await deskPage.getByText(name).first().waitFor({ timeout: 60_000 });
    expect(await deviceHolds(deskPage, 'Selam')).toBe(true);

    await office.close();
    await tablet.close();
    await desk.close();
  }, 300_000);
});
