/**
 * Issue 15 item 9 in Chromium: a person an administrator created signs in
 * with the password the admin gave them, must choose their own (mistakes
 * explained on the screen) before the PIN and the app; the given password
 * no longer signs in.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { DEFAULT_TEST_PIN, openApp } from './appDriver';

let browser: Browser;
let server: E2eServer;

const SITE = 'main';
const GIVEN = 'given by the admin 1';
const OWN = 'amani chooses her own words';

function login(username: string, password: string) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a password an administrator set', () => {
  it('is replaced by the person at first sign-in, before the PIN; the given one stops working', async () => {
    // The admin is stored directly (test seeding, not flagged); the volunteer is created through the admin API.
    await seedUser(server, { username: 'boss', password: 'admin test password', roles: ['admin'], siteIds: [SITE] });
    const adminLogin = await login('boss', 'admin test password');
    expect(adminLogin.status).toBe(200);
    const { token } = (await adminLogin.json()) as { token: string };
    const created = await fetch(`${server.url}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        username: 'amani',
        displayName: 'Amani',
        password: GIVEN,
        roles: ['volunteer'],
        siteIds: [SITE],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);

    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await device.newPage();
    await openApp(page, server.url);
    await page.getByLabel('Username').fill('amani');
    await page.getByLabel('Password', { exact: true }).fill(GIVEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Choose your own password' }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Choose a PIN' }).count()).resolves.toBe(0);

    // Too short, then two that differ: each explained, nothing sent.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('short');
    await page.getByRole('button', { name: 'Save my password' }).click();
    await page.getByText('The password must have at least 10 characters.').waitFor();
    await page.getByLabel('New password', { exact: true }).fill(OWN);
    await page.getByLabel('New password again').fill(`${OWN} typo`);
    await page.getByRole('button', { name: 'Save my password' }).click();
    await page.getByText('The two passwords are not the same.', { exact: false }).waitFor();
    // The server's own check: the one given cannot be kept.
    await page.getByLabel('New password', { exact: true }).fill(GIVEN);
    await page.getByLabel('New password again').fill(GIVEN);
    await page.getByRole('button', { name: 'Save my password' }).click();
    await page.getByRole('alert').getByText('Choose a password different from the one you were given.').waitFor();
    expect((await login('amani', GIVEN)).status).toBe(200);
    await screenshot(page, 'choose-password-360');

    await page.getByLabel('New password', { exact: true }).fill(OWN);
    await page.getByLabel('New password again').fill(OWN);
    await page.getByRole('button', { name: 'Save my password' }).click();

    await page.getByRole('heading', { name: 'Choose a PIN' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('New PIN').fill(DEFAULT_TEST_PIN);
    await page.getByLabel('Type the PIN again').fill(DEFAULT_TEST_PIN);
    await page.getByRole('button', { name: 'Save PIN and continue' }).click();
    await page.locator('.app-header').waitFor({ timeout: 30_000 });

    expect((await login('amani', GIVEN)).status).toBe(401);
    const again = await login('amani', OWN);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { mustChangePassword?: boolean }).mustChangePassword).toBeUndefined();
    await device.close();
  });
});
