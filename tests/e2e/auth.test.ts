/**
 * Accounts in a real browser: a driver's phone receives only what a driver
 * may see, and a signed-in tablet opens offline with its PIN (and refuses a
 * wrong one). Data is created first by a coordinator through the real API.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { hasHorizontalScroll, mainNavLink, openApp, signInAs, unlockWithPin } from './appDriver';
import { householdDoc, personDoc } from '../helpers/testServer';

let browser: Browser;
let server: E2eServer;
let coordinatorToken: string;

const SITE = 'main';
const SPONSOR = 'Beatriz Quispe-Alvarado';
const MEMBER_GIVEN_NAME = 'Wilmer';
const MEDICAL_NOTE = 'Asthma, uses salbutamol inhaler twice daily';
const A_NUMBER = 'A-219-554-031';

async function push(collection: string, doc: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinatorToken}` },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** A family with a member and sensitive details, as a coordinator registers it. */
async function createFamily(id: string, familyName: string): Promise<void> {
  const meta = { siteId: SITE, updatedBy: 'coordinator', deviceId: 'office-1' };
  await push(
    'households',
    householdDoc(id, { ...meta, familyName, sponsor: { name: SPONSOR, phone: '+1 303 555 0142' } }),
  );
  await push('people', personDoc(`${id}-p1`, id, { ...meta, givenName: MEMBER_GIVEN_NAME, familyName }));
  const at = '2025-03-01T10:00:00.000Z';
  await push('sensitive', {
    id: `${id}-s1`,
    ...meta,
    createdAt: at,
    updatedAt: at,
    _deleted: false,
    subjectType: 'household',
    householdId: id,
    identifiers: [{ type: 'a_number', value: A_NUMBER }],
    medicalFlags: ['chronic_condition'],
    medicalNotes: MEDICAL_NOTE,
  });
}

/** Every value of every object store of every IndexedDB database of the page's origin. */
function rawIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
        parts.push(`${info.name}/${name}: ${JSON.stringify(values)}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  await seedUser(server, {
    username: 'coord',
    password: 'coordinator-password',
    roles: ['coordinator'],
    siteIds: [SITE],
  });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coord', password: 'coordinator-password' }),
  });
  expect(login.status).toBe(200);
  coordinatorToken = ((await login.json()) as { token: string }).token;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accounts in Chromium', () => {
  it("a driver's phone holds households with driver fields only: no people, no sensitive data, no sponsor", async () => {
    await createFamily('hh-quispe', 'Quispe');
    const driver = await seedUser(server, {
      username: 'driver1',
      password: 'driver-password-1',
      roles: ['driver'],
      siteIds: [SITE],
    });
    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await device.newPage();
    await openApp(page, server.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await signInAs(page, server, driver);

    // A driver lands on the day's departures; the families list is one tap away.
    await page.getByRole('heading', { level: 1, name: "Today's pick-ups" }).waitFor({ timeout: 30_000 });
    await (await mainNavLink(page, 'Families')).click();
    await page.getByText('Quispe').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Register a family' }).count()).resolves.toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'auth-driver-360');

    const dump = await rawIndexedDb(page);
    expect(dump).toContain('Quispe'); // the scan sees the synced household
    expect(dump).not.toContain(SPONSOR);
    expect(dump).not.toContain(MEMBER_GIVEN_NAME);
    expect(dump).not.toContain(MEDICAL_NOTE);
    expect(dump).not.toContain(A_NUMBER);
    await device.close();
  });

  it('signs in and sets a PIN online, then opens offline with the PIN; a wrong PIN is refused', async () => {
    await createFamily('hh-haddad', 'Haddad');
    const volunteer = await seedUser(server, {
      username: 'volunteer1',
      password: 'volunteer-password-1',
      roles: ['volunteer'],
      siteIds: [SITE],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, { ...volunteer, pin: '735194' });
    await page.getByText('Haddad').first().waitFor({ timeout: 60_000 });
    await waitForServiceWorker(page);

    // The PIN, password and token are not in localStorage in clear.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('735194');
    expect(stored).not.toContain('volunteer-password-1');

    await device.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Locked' }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('Haddad').count()).resolves.toBe(0);

    // An empty PIN is asked for on the box itself, which gets the focus, and is not counted as a wrong one.
    await page.getByRole('button', { name: 'Unlock' }).click();
    const pinBox = page.getByLabel('PIN', { exact: true });
    await page.getByText('Enter your PIN to unlock.').waitFor();
    expect(await pinBox.getAttribute('aria-invalid')).toBe('true');
    expect(await pinBox.evaluate((box) => box === document.activeElement)).toBe(true);

    await pinBox.fill('111999');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Wrong PIN. 4 attempts left.' })
      .waitFor({ timeout: 30_000 });

    await unlockWithPin(page, '735194');
    await page.getByText('Haddad').first().waitFor({ timeout: 30_000 });
    await page.locator('.sync-bar', { hasText: 'Offline' }).waitFor();

    // Lock now drops the data from the screen.
    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Locked' }).waitFor();
    await device.close();
  });

  it('an empty sign-in asks on each empty box and sends nothing; a wrong password is said and the box emptied', async () => {
    await seedUser(server, {
      username: 'forms.person',
      password: 'forms-password-1',
      roles: ['volunteer'],
      siteIds: [SITE],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    const logins: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) logins.push(request.method());
    });
    await openApp(page, server.url);
    const username = page.getByLabel('Username');
    const password = page.getByLabel('Password', { exact: true });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Enter this to sign in.').count()).toBe(2);
    for (const box of [username, password]) {
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await box.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Enter this to sign in.');
    }

    await username.fill('forms.person');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => username.getAttribute('aria-invalid')).toBeNull();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Enter this to sign in.').count()).toBe(1);
    expect(logins).toEqual([]);

    await password.fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Wrong username or password.' })
      .waitFor({ timeout: 30_000 });
    expect(await password.inputValue()).toBe('');
    expect(logins).toEqual(['POST']);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await device.close();
  });

  it('a session the server ended is signed in again from the banner: an empty or wrong password is refused clearly', async () => {
    const person = await seedUser(server, {
      username: 'banner.person',
      password: 'banner-password-1',
      roles: ['volunteer'],
      siteIds: [SITE],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, person);
    await server.store.transaction((tx) => tx.revokeUserSessions(person.id, new Date().toISOString()));
    await page.reload();
    await unlockWithPin(page);
    const banner = page.locator('.session-ended');
    await banner.getByText('Your session ended').waitFor({ timeout: 60_000 });
    const password = banner.getByLabel('Password');

    await banner.getByRole('button', { name: 'Sign in' }).click();
    await banner.getByText('Enter this to sign in.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');

    await password.fill('not my password');
    await banner.getByRole('button', { name: 'Sign in' }).click();
    await banner.getByText('Wrong username or password.').waitFor({ timeout: 30_000 });
    expect(await password.inputValue()).toBe('');
    expect(await banner.isVisible()).toBe(true);

    await password.fill('banner-password-1');
    await banner.getByRole('button', { name: 'Sign in' }).click();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await device.close();
  });
});
