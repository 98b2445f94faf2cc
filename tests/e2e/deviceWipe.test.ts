/**
 * Signing out, and five wrong PINs, leave nothing of the user on the device
 * (issue 15, items 2 and 3): no database named after them, no cached API
 * answer, nothing in localStorage but the device id and the interface
 * language. The warning about changes not yet synced still comes first.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { openApp, registerFamily, signInAs, waitUntilSynced } from './appDriver';
import { expectNoTracesOf, readDeviceTraces } from './deviceTraces';

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

/** Picks another interface language and back, so the kept language key is a real choice. */
async function chooseEnglish(page: Page): Promise<void> {
  const picker = page.locator('#interface-language');
  await picker.selectOption('sw');
  await picker.selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

describe('a device after its user leaves', () => {
  it('sign-out warns about unsynced changes, then leaves no database, no API cache and no key of the user', async () => {
    const user = await seedUser(server, {
      username: 'amani',
      password: 'amani-password-1',
      roles: ['volunteer'],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await chooseEnglish(page);
    await signInAs(page, server, user);

    // A change made offline: sign-out must warn before erasing it.
    await waitForServiceWorker(page);
    await device.setOffline(true);
    await registerFamily(page, {
      familyName: 'Mwangi',
      members: [{ givenName: 'Zawadi', familyName: 'Mwangi', dateOfBirth: '1990-04-02' }],
    });
    const before = await readDeviceTraces(page);
    expect(before.databases.some((name) => name.includes(user.id.toLowerCase()))).toBe(true);

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /not been synced and will be lost/ })
      .waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await device.setOffline(false);
    await waitUntilSynced(page);
    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page.getByRole('button', { name: 'Sign out and remove my data from this device' }).click();
    await page.getByText('You have signed out. Your data has been removed from this device.').waitFor();

    await expectNoTracesOf(page, user);
    // A reload starts from nothing: the sign-in screen, no lock screen of the user.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30_000 });
    await expectNoTracesOf(page, user);
    await device.close();
  });

  it('five wrong PINs erase the user by the same checks', async () => {
    const user = await seedUser(server, {
      username: 'baraka',
      password: 'baraka-password-1',
      roles: ['volunteer'],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await chooseEnglish(page);
    await signInAs(page, server, user);
    await registerFamily(page, {
      familyName: 'Otieno',
      members: [{ givenName: 'Imani', familyName: 'Otieno', dateOfBirth: '1987-11-20' }],
    });
    await waitUntilSynced(page);

    await page.getByRole('button', { name: 'Lock now' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Locked' }).waitFor();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('PIN', { exact: true }).fill('111999');
      await page.getByRole('button', { name: 'Unlock' }).click();
      if (attempt < 5) {
        await page
          .getByRole('alert')
          .filter({ hasText: `Wrong PIN. ${5 - attempt} attempt` })
          .waitFor();
      }
    }
    await page
      .getByText('Too many wrong PINs: the data on this device was erased.')
      .waitFor({ timeout: 30_000 });

    await expectNoTracesOf(page, user);
    await device.close();
  });
});
