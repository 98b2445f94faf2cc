/**
 * Device sync health in the browser (issue 21 item 5): a volunteer's device
 * reports when it syncs, the administrator's Devices table shows it with the
 * change still waiting on it, the administrator revokes it, and at its next
 * unlock the device pushes that change (it reaches the server) and then
 * removes the volunteer's data.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { DEFAULT_TEST_PIN, openApp, registerFamily, signInAs, waitUntilSynced } from './appDriver';
import { expectNoTracesOf } from './deviceTraces';

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

async function familyOnServer(familyName: string): Promise<boolean> {
  let checkpoint = 0;
  for (;;) {
    const page = await server.store.pull('households', checkpoint, 500);
    if (page.documents.some((stored) => stored.doc.familyName === familyName && !stored.deleted)) return true;
    if (page.documents.length === 0) return false;
    checkpoint = page.lastSeq;
  }
}

/** The devices table's row of a person (the admin's own device is listed too). */
function rowOf(page: Page, username: string) {
  return page.getByRole('row').filter({ hasText: `(${username})` });
}

describe('devices table', () => {
  it('shows a device with its waiting change; revoked, the device pushes that change and wipes at its next unlock', async () => {
    const admin = await seedUser(server, { username: 'nadia', password: 'nadia-password-1', roles: ['admin'] });
    const volunteer = await seedUser(server, {
      username: 'juma',
      password: 'juma-password-1',
      roles: ['volunteer'],
      displayName: 'Juma K.',
    });

    const tablet = await newDevice(browser);
    const volunteerPage = await tablet.newPage();
    await openApp(volunteerPage, server.url);
    await signInAs(volunteerPage, server, { ...volunteer, deviceName: 'Front desk tablet 2' });
    await waitForServiceWorker(volunteerPage);
    await registerFamily(volunteerPage, {
      familyName: 'Wanjiru',
      members: [{ givenName: 'Achieng', familyName: 'Wanjiru', dateOfBirth: '1991-06-14' }],
    });
    await waitUntilSynced(volunteerPage);

    // The server is up but refuses pushes for a while (a proxy in trouble): the next change waits on the tablet.
    await volunteerPage.route('**/api/sync/*/push', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'unavailable', message: 'Try again later' }),
      }),
    );
    await registerFamily(volunteerPage, {
      familyName: 'Kiptoo',
      members: [{ givenName: 'Chebet', familyName: 'Kiptoo', dateOfBirth: '1985-01-30' }],
    });
    // The family and its member: two records wait.
    await volunteerPage.locator('.sync-bar', { hasText: '2 changes waiting to sync' }).waitFor({ timeout: 30_000 });

    const office = await newDevice(browser);
    const adminPage = await office.newPage();
    await openApp(adminPage, server.url);
    await signInAs(adminPage, server, admin);
    await adminPage.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Devices', exact: true }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Devices' }).waitFor({ timeout: 30_000 });
    const row = rowOf(adminPage, 'juma');
    // The tablet reports when it syncs (at most every 10 s): refresh until its waiting change shows.
    await expect
      .poll(
        async () => {
          await adminPage.getByRole('button', { name: 'Refresh' }).click();
          await adminPage.waitForTimeout(500);
          return (await row.count()) > 0 ? ((await row.locator('td[data-label="pending"]').textContent()) ?? '') : '';
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('2');
    await expect.poll(() => row.textContent()).toContain('Juma K.');
    // The name the volunteer gave the tablet at PIN setup, the browser beside it.
    await expect.poll(() => row.textContent()).toContain('Front desk tablet 2');
    await expect.poll(() => row.textContent()).toMatch(/Chrome on Linux/);

    // The volunteer locks the tablet and leaves it; the administrator revokes it meanwhile.
    await volunteerPage.getByRole('button', { name: 'Lock now' }).first().click();
    await volunteerPage.getByRole('heading', { level: 1, name: 'Locked' }).waitFor();
    await row.getByRole('button', { name: 'Revoke device' }).click();
    await row.getByRole('button', { name: 'Yes, revoke it' }).click();
    await row.getByText('Revoked; waiting for the device').waitFor({ timeout: 30_000 });
    expect(await familyOnServer('Kiptoo')).toBe(false);

    // Pushes work again; the next unlock learns of the revocation, pushes the waiting family, then wipes.
    await volunteerPage.unroute('**/api/sync/*/push');
    // Not unlockWithPin: the app does not open, the revocation screen shows instead.
    await volunteerPage.getByLabel('PIN', { exact: true }).fill(DEFAULT_TEST_PIN);
    await volunteerPage.getByRole('button', { name: 'Unlock' }).click();
    await volunteerPage
      .getByText('An administrator revoked this device. The changes it held were sent to the server')
      .waitFor({ timeout: 90_000 })
      .catch(async (error: unknown) => {
        throw new Error(`The tablet shows: ${(await volunteerPage.locator('body').innerText()).slice(0, 600)}`, {
          cause: error,
        });
      });
    expect(await familyOnServer('Kiptoo')).toBe(true);
    await expectNoTracesOf(volunteerPage, volunteer);

    await adminPage.getByRole('button', { name: 'Refresh' }).click();
    await row.getByText('Revoked; its data was removed').waitFor({ timeout: 30_000 });
    const audit = await server.store.listAudit({ limit: 100 });
    expect(audit.some((entry) => entry.action === 'admin.device_revoke' && entry.recordId === volunteer.id)).toBe(true);
    expect(audit.some((entry) => entry.action === 'device_wiped' && entry.userId === volunteer.id)).toBe(true);
    await tablet.close();
    await office.close();
  });
});
