/**
 * Conflict review in real Chromium. Two devices pushed different sponsor
 * phones against the same version of a family (made here through the sync
 * API, as two offline tablets would). Two coordinators have the conflict
 * open on their own devices; one chooses the value that was not applied.
 * The choice is an ordinary synced edit: the record takes the value and the
 * conflict closes on the other coordinator's device without a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { deriveHousehold } from '../../src/domain/household';
import type { WireDocument } from '../../src/sync/protocol';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { mainNavLink, openApp, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'main';
let browser: Browser;
let server: E2eServer;
let first: E2eUser;
let second: E2eUser;

const base = new Date(Date.now() - 3_600_000).toISOString();
const household = {
  ...deriveHousehold({
    id: 'hh-review',
    siteId: SITE,
    createdAt: base,
    updatedAt: base,
    updatedBy: 'seed',
    deviceId: 'seed',
    familyName: 'Quispe',
    arrivalDate: '2026-03-02',
    arrivalMode: 'bus' as const,
    needs: { food: true, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
    destination: { city: 'Denver', country: 'US' },
    sponsor: { name: 'Rosa Quispe', phone: '+1 303 555 0100' },
    consent: { dataSharing: true, photo: false },
    status: 'active' as const,
    nameKey: '',
  }),
  _deleted: false,
};

async function login(user: E2eUser, deviceId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password, deviceId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** A tablet that edited the family offline pushes its version against the one it last saw. */
async function pushSponsorPhone(token: string, phone: string, deviceId: string, minutesAfter: number): Promise<WireDocument[]> {
  const at = new Date(Date.parse(base) + minutesAfter * 60_000).toISOString();
  const response = await fetch(`${server.url}/api/sync/households/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify([
      {
        assumedMasterState: household,
        newDocumentState: { ...household, sponsor: { ...household.sponsor, phone }, updatedAt: at, updatedBy: first.id, deviceId },
      },
    ]),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WireDocument[];
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  first = await seedUser(server, { username: 'coord.ana', password: 'coordinator pw 1', roles: ['coordinator'], siteIds: [SITE], displayName: 'Ana' });
  second = await seedUser(server, { username: 'coord.ben', password: 'coordinator pw 2', roles: ['coordinator'], siteIds: [SITE], displayName: 'Ben' });
  await server.store.transaction(async (tx) => {
    await tx.putDocument('households', household, SITE);
  });
  // Two tablets, each signed in on its own (the server knows a device by its session).
  expect(await pushSponsorPhone(await login(first, 'tablet-1'), '+1 303 555 0111', 'tablet-1', 5)).toEqual([]);
  // Same assumed master, same field, another value: the server keeps the first and records a conflict.
  const answer = await pushSponsorPhone(await login(first, 'tablet-2'), '+1 303 555 0199', 'tablet-2', 6);
  expect((answer[0]?.sponsor as { phone?: string } | undefined)?.phone).toBe('+1 303 555 0111');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('conflict review in Chromium', () => {
  it('a conflict resolved on one coordinator device closes on another', async () => {
    const watcherDevice = await newDevice(browser);
    const watcher = await watcherDevice.newPage();
    await openApp(watcher, server.url);
    await signInAs(watcher, server, second);
    await (await mainNavLink(watcher, 'Conflicts')).click();
    const watcherList = watcher.getByRole('table', { name: 'Open conflicts' }).locator('tbody');
    await expect.poll(() => watcherList.count(), { timeout: 60_000 }).toBe(1);

    const deskDevice = await newDevice(browser);
    const desk = await deskDevice.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, first);
    await (await mainNavLink(desk, 'Conflicts')).click();
    const card = desk.getByRole('table', { name: 'Open conflicts' }).locator('tbody');
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(1);
    // Side by side, readable: the family, the field in words, both values, who and which device.
    // The conflict can arrive before its household does; the card names the family once it is here.
    await card.first().filter({ hasText: 'Quispe' }).waitFor({ timeout: 60_000 });
    const text = (await card.first().textContent()) ?? '';
    expect(text).toContain('Quispe');
    expect(text).toContain("Sponsor's phone");
    expect(text).toContain('+1 303 555 0111');
    expect(text).toContain('+1 303 555 0199');
    expect(text).toContain('tablet-1');
    expect(text).toContain('tablet-2');
    // Names come from the directory (fetched once the screen opens).
    await expect.poll(() => card.first().textContent(), { timeout: 30_000 }).toMatch(/By Ana on device tablet-2/);

    await card
      .first()
      .getByRole('button', { name: "Use this value, +1 303 555 0199, for Sponsor's phone of Quispe" })
      .click();
    await desk.getByText('Conflict resolved. The chosen value will sync to every device.').waitFor();
    await desk.getByText('No open conflicts. Every edit merged cleanly.').waitFor();
    await waitUntilSynced(desk);

    // The other coordinator's device: closed there too, with no reload.
    await watcher.getByText('No open conflicts. Every edit merged cleanly.').waitFor({ timeout: 60_000 });
    expect(await watcherList.count()).toBe(0);

    const stored = await server.store.getDocument('households', 'hh-review');
    expect((stored?.doc.sponsor as { phone?: string }).phone).toBe('+1 303 555 0199');
    const conflicts = (await server.store.pull('conflicts', 0, 100, [SITE])).documents.map((d) => d.doc);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      status: 'resolved',
      field: 'sponsor.phone',
      resolution: { valueJson: '"+1 303 555 0199"', by: first.id },
    });
    // The watcher's device now shows the chosen value on the family's page.
    // (In-app navigation: a reload would lock the app and ask for the PIN.)
    await watcher.getByRole('link', { name: 'Families', exact: true }).click();
    await watcher.getByRole('link', { name: /Quispe/ }).first().click();
    await watcher.getByText('+1 303 555 0199').waitFor({ timeout: 30_000 });

    // The family's history (from the server's audit log) shows the resolution as a change, by whom, from which device.
    await desk.getByRole('link', { name: 'Families', exact: true }).click();
    await desk.getByRole('link', { name: /Quispe/ }).first().click();
    await desk.getByRole('link', { name: 'History' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Record history' }).waitFor();
    await desk.getByText("Sponsor's phone: +1 303 555 0111 → +1 303 555 0199").waitFor({ timeout: 30_000 });

    // The other coordination screens open and compute on the device's data.
    await (await mainNavLink(desk, 'Dashboard')).click();
    await desk.getByRole('heading', { level: 2, name: 'Families and children received per day' }).waitFor({ timeout: 30_000 });
    await desk.getByRole('link', { name: 'Monthly reports' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
    await (await mainNavLink(desk, 'Export')).click();
    await desk.getByRole('heading', { level: 1, name: 'Export data (CSV with HXL)' }).waitFor();
  });
});
