/**
 * Issue 14, on the paths people take: an edit form opened before another
 * device's (or another tab's) change reached this device writes only what
 * the person changed, on top of the record as it is now. Different fields
 * merge, a member added elsewhere survives, and a field both changed is
 * shown with both values for the person to choose; nothing is overwritten
 * silently. Checked on the server through its own pull API.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { fillMember, openApp, registerFamily, signInAs, unlockWithPin, waitUntilSynced } from './appDriver';

type Doc = { id: string; _deleted: boolean } & Record<string, unknown>;

let browser: Browser;
let server: E2eServer;
let amina: E2eUser;
let tomas: E2eUser;
let coordinatorToken: string;

async function pullAll(collection: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  let checkpoint: unknown;
  for (;;) {
    const params = new URLSearchParams({ limit: '500' });
    if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${server.url}/api/sync/${collection}/pull?${params}`, {
      headers: { authorization: `Bearer ${coordinatorToken}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { documents: Doc[]; checkpoint: unknown };
    docs.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length === 0) return docs;
  }
}

async function serverHousehold(id: string): Promise<Doc> {
  const found = (await pullAll('households')).find((d) => d.id === id);
  expect(found).toBeDefined();
  return found!;
}

async function signedInDevice(user: E2eUser): Promise<{ device: BrowserContext; page: Page }> {
  const device = await newDevice(browser);
  const page = await device.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, user);
  return { device, page };
}

/** A second tab of the same browser shows the family page once `text` has reached this device. */
async function waitUntilDeviceShows(device: BrowserContext, householdId: string, text: string): Promise<void> {
  const tab = await device.newPage();
  await tab.goto(`${server.url}/households/${householdId}`);
  await unlockWithPin(tab);
  await tab.getByText(text).first().waitFor({ timeout: 60_000 });
  await tab.close();
}

async function openEditForm(page: Page, householdId: string): Promise<void> {
  await page.goto(`${server.url}/households/${householdId}`);
  await unlockWithPin(page);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { level: 1, name: /^Edit the/ }).waitFor();
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  amina = await seedUser(server, { username: 'amina', password: 'correct horse 12', roles: ['volunteer'] });
  tomas = await seedUser(server, { username: 'tomas', password: 'correct horse 12', roles: ['volunteer'] });
  await seedUser(server, { username: 'coord', password: 'correct horse 12', roles: ['coordinator'] });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coord', password: 'correct horse 12', deviceId: 'coord-checker' }),
  });
  coordinatorToken = ((await login.json()) as { token: string }).token;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an edit form opened before another change arrived', () => {
  it('merges different fields and keeps the member added on another device', async () => {
    const a = await signedInDevice(amina);
    const id = await registerFamily(a.page, {
      familyName: 'Okafor',
      contactPhone: '+1 602 555 0110',
      members: [{ givenName: 'Ngozi', familyName: 'Okafor', dateOfBirth: '1988-02-03' }],
    });
    await waitUntilSynced(a.page);

    // Device B opens the family's edit form and leaves it open.
    const b = await signedInDevice(tomas);
    await openEditForm(b.page, id);

    // Device A changes the phone and adds a member; it syncs, and B receives it.
    await a.page.getByRole('link', { name: 'Edit' }).click();
    await a.page.getByLabel('Contact phone').fill('+1 602 555 0999');
    await a.page.getByRole('button', { name: 'Add a person' }).click();
    await fillMember(a.page, 1, { givenName: 'Chidi', familyName: 'Okafor', dateOfBirth: '2016-05-06' });
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(a.page);
    await waitUntilDeviceShows(b.device, id, 'Chidi');

    // B changes only the destination city on its open form and saves.
    await b.page.getByLabel('City').fill('Columbus');
    await b.page.getByRole('button', { name: 'Save' }).click();
    await b.page.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(b.page);
    await waitUntilSynced(a.page);

    const household = await serverHousehold(id);
    expect(household.contactPhone).toBe('+1 602 555 0999');
    expect((household.destination as { city?: string }).city).toBe('Columbus');
    const members = (await pullAll('people')).filter((p) => p.householdId === id);
    expect(members.filter((p) => !p._deleted).map((p) => p.givenName).sort()).toEqual(['Chidi', 'Ngozi']);
    expect((await pullAll('conflicts')).filter((c) => c.recordId === id)).toEqual([]);
    // B's own screen shows both people's work.
    await b.page.getByText('Chidi').first().waitFor({ timeout: 30_000 });
    await b.page.getByText('+1 602 555 0999').first().waitFor({ timeout: 30_000 });
    await a.device.close();
    await b.device.close();
  });

  it('shows a field both changed with both values, and the person chooses', async () => {
    const a = await signedInDevice(amina);
    const id = await registerFamily(a.page, {
      familyName: 'Bekele',
      contactPhone: '+1 602 555 0120',
      members: [{ givenName: 'Hana', familyName: 'Bekele', dateOfBirth: '1990-07-08' }],
    });
    await waitUntilSynced(a.page);
    const b = await signedInDevice(tomas);
    await openEditForm(b.page, id);

    await a.page.getByRole('link', { name: 'Edit' }).click();
    await a.page.getByLabel('Contact phone').fill('+1 602 555 0121');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(a.page);
    await waitUntilDeviceShows(b.device, id, '+1 602 555 0121');

    // B changes the same field to another value: the save is held and both values are shown.
    await b.page.getByLabel('Contact phone').fill('+1 602 555 0122');
    await b.page.getByLabel('City').fill('Omaha');
    await b.page.getByRole('button', { name: 'Save' }).click();
    const panel = b.page.getByRole('region', { name: 'Changed on another device' });
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByText('+1 602 555 0121').first().waitFor();
    await panel.getByText('+1 602 555 0122').first().waitFor();
    // Nothing was written yet: the server still holds A's phone and no city.
    expect((await serverHousehold(id)).contactPhone).toBe('+1 602 555 0121');

    await panel.getByRole('radio', { name: /Keep mine/ }).first().check();
    await panel.getByRole('button', { name: 'Save with these choices' }).click();
    await b.page.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(b.page);
    const household = await serverHousehold(id);
    expect(household.contactPhone).toBe('+1 602 555 0122');
    expect((household.destination as { city?: string }).city).toBe('Omaha');
    await a.device.close();
    await b.device.close();
  });

  it('two tabs of one browser: the tab with the older form keeps the other tab\'s change', async () => {
    const a = await signedInDevice(amina);
    const id = await registerFamily(a.page, {
      familyName: 'Tesfaye',
      contactPhone: '+1 602 555 0130',
      members: [{ givenName: 'Liya', familyName: 'Tesfaye', dateOfBirth: '1993-01-09' }],
    });
    await waitUntilSynced(a.page);
    // Tab 1 opens the edit form; tab 2 of the same browser changes the phone and adds a member.
    await openEditForm(a.page, id);
    const tab2 = await a.device.newPage();
    await openEditForm(tab2, id);
    await tab2.getByLabel('Contact phone').fill('+1 602 555 0131');
    await tab2.getByRole('button', { name: 'Add a person' }).click();
    await fillMember(tab2, 1, { givenName: 'Abel', familyName: 'Tesfaye', dateOfBirth: '2018-03-03' });
    await tab2.getByRole('button', { name: 'Save' }).click();
    await tab2.waitForURL(new RegExp(`/households/${id}$`));

    await a.page.getByLabel('City').fill('Reno');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(a.page);
    const household = await serverHousehold(id);
    expect(household.contactPhone).toBe('+1 602 555 0131');
    expect((household.destination as { city?: string }).city).toBe('Reno');
    const members = (await pullAll('people')).filter((p) => p.householdId === id && !p._deleted);
    expect(members.map((p) => p.givenName).sort()).toEqual(['Abel', 'Liya']);
    await a.device.close();
  });

  it('a travel leg form opened before another device changed the leg keeps that change', async () => {
    const a = await signedInDevice(amina);
    const id = await registerFamily(a.page, {
      familyName: 'Mwangi',
      members: [{ givenName: 'Wanjiru', familyName: 'Mwangi', dateOfBirth: '1991-04-04' }],
    });
    await a.page.getByRole('button', { name: 'Add a leg' }).click();
    await a.page.getByLabel('Company or airline').fill('Greyhound');
    await a.page.getByLabel('Departure', { exact: true }).fill('2026-12-20T09:30');
    await a.page.getByLabel('Departs from').fill('Phoenix bus station');
    await a.page.getByLabel('Arrives at').fill('Denver bus station');
    await a.page.getByLabel('Booking reference').fill('GH-1001');
    await a.page.getByRole('button', { name: 'Save leg' }).click();
    await a.page.getByText('GH-1001').first().waitFor();
    await waitUntilSynced(a.page);

    const b = await signedInDevice(tomas);
    await b.page.goto(`${server.url}/households/${id}`);
    await unlockWithPin(b.page);
    await b.page.getByRole('button', { name: 'Edit this leg' }).click();
    await b.page.getByLabel('Company or airline').waitFor();

    await a.page.getByRole('button', { name: 'Edit this leg' }).click();
    await a.page.getByLabel('Booking reference').fill('GH-2002');
    await a.page.getByRole('button', { name: 'Save leg' }).click();
    await a.page.getByText('GH-2002').first().waitFor();
    await waitUntilSynced(a.page);
    await waitUntilDeviceShows(b.device, id, 'GH-2002');

    await b.page.getByLabel('Company or airline').fill('Megabus');
    await b.page.getByRole('button', { name: 'Save leg' }).click();
    await b.page.getByText('Megabus').first().waitFor();
    await waitUntilSynced(b.page);
    const leg = (await pullAll('travelLegs')).find((l) => l.householdId === id && !l._deleted);
    expect(leg).toMatchObject({ carrier: 'Megabus', bookingReference: 'GH-2002', status: 'planned' });
    await a.device.close();
    await b.device.close();
  });
});
