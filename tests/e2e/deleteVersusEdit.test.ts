/**
 * Delete versus edit, in both orders, ending on a coordinator's screen in
 * real Chromium. Two volunteers' tablets (signed in separately over the sync
 * API, as two offline tablets coming back would push) disagree about two
 * members of one family:
 *  - Kofi: tablet 1 deletes him, then tablet 2, offline since before, pushes
 *    a corrected date of birth;
 *  - Esi: tablet 2 corrects her date of birth, then tablet 1, offline since
 *    before, pushes her deletion.
 * Both stay deleted on the server with a conflict each. The coordinator sees
 * who deleted, who edited and what changed, restores Kofi with the edit and
 * confirms Esi's deletion; both are ordinary synced writes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { deriveHousehold } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';
import type { WireDocument } from '../../src/sync/protocol';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { mainNavLink, openApp, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'main';
let browser: Browser;
let server: E2eServer;
let ana: E2eUser;
let ben: E2eUser;
let cora: E2eUser;

const base = new Date(Date.now() - 3_600_000).toISOString();
const meta = { siteId: SITE, createdAt: base, updatedAt: base, updatedBy: 'seed', deviceId: 'seed' };
const household = {
  ...deriveHousehold({
    ...meta,
    id: 'hh-dve',
    familyName: 'Owusu',
    arrivalDate: '2026-03-02',
    arrivalMode: 'bus' as const,
    needs: {
      food: true,
      shelter: false,
      clothing: false,
      hygiene: false,
      medicalScreening: false,
      legalOrientation: false,
    },
    destination: { city: 'Denver', country: 'US' },
    sponsor: { name: 'Yaw Owusu', phone: '+1 303 555 0140' },
    consent: { dataSharing: true, photo: false },
    status: 'active' as const,
    nameKey: '',
  }),
  _deleted: false,
};

function member(
  id: string,
  givenName: string,
  dateOfBirth: string,
  relationship: 'head' | 'spouse' | 'child',
) {
  return {
    ...derivePerson({
      ...meta,
      id,
      householdId: household.id,
      givenName,
      familyName: 'Owusu',
      dateOfBirth,
      sex: 'other' as const,
      relationship,
      languages: ['en'],
      interpreterNeeded: false,
      nameKey: '',
      familyKey: '',
    }),
    _deleted: false,
  } as WireDocument;
}

const kofi = member('p-kofi', 'Kofi', '1990-03-12', 'head');
const esi = member('p-esi', 'Esi', '1985-06-01', 'spouse');
const ama = member('p-ama', 'Ama', '2015-09-30', 'child');

async function login(user: E2eUser, deviceId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password, deviceId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** A tablet pushes its version of a member against the one it last saw (the seeded one). */
async function push(
  token: string,
  user: E2eUser,
  deviceId: string,
  minutesAfter: number,
  next: WireDocument,
  assumed: WireDocument,
) {
  const at = new Date(Date.parse(base) + minutesAfter * 60_000).toISOString();
  const response = await fetch(`${server.url}/api/sync/people/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify([
      {
        assumedMasterState: assumed,
        newDocumentState: { ...next, updatedAt: at, updatedBy: user.id, deviceId },
      },
    ]),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WireDocument[];
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  ana = await seedUser(server, {
    username: 'vol.ana',
    password: 'volunteer pw 1',
    roles: ['volunteer'],
    siteIds: [SITE],
    displayName: 'Ana',
  });
  ben = await seedUser(server, {
    username: 'vol.ben',
    password: 'volunteer pw 2',
    roles: ['volunteer'],
    siteIds: [SITE],
    displayName: 'Ben',
  });
  cora = await seedUser(server, {
    username: 'coord.cora',
    password: 'coordinator pw',
    roles: ['coordinator'],
    siteIds: [SITE],
    displayName: 'Cora',
  });
  await server.store.transaction(async (tx) => {
    await tx.putDocument('households', household, SITE);
    await tx.putDocument('people', kofi, SITE);
    await tx.putDocument('people', esi, SITE);
  });
  const tablet1 = await login(ana, 'tablet-1');
  const tablet2 = await login(ben, 'tablet-2');

  // Kofi: deleted first, edited after. The edit's answer is the deletion.
  expect(await push(tablet1, ana, 'tablet-1', 5, { ...kofi, _deleted: true }, kofi)).toEqual([]);
  const kofiAnswer = await push(tablet2, ben, 'tablet-2', 6, { ...kofi, dateOfBirth: '1990-03-21' }, kofi);
  expect(kofiAnswer[0]).toMatchObject({ id: 'p-kofi', _deleted: true, dateOfBirth: '1990-03-12' });

  // Esi: edited first, deleted after.
  expect(await push(tablet2, ben, 'tablet-2', 7, { ...esi, dateOfBirth: '1985-01-06' }, esi)).toEqual([]);
  const esiAnswer = await push(tablet1, ana, 'tablet-1', 8, { ...esi, _deleted: true }, esi);
  expect(esiAnswer[0]).toMatchObject({ id: 'p-esi', _deleted: true });

  // Written last: once a device shows Ama, it has pulled the people written before her.
  await server.store.transaction(async (tx) => {
    await tx.putDocument('people', ama, SITE);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function storedDoc(collection: string, id: string) {
  return (await server.store.getDocument(collection, id))?.doc;
}

describe('delete versus edit in Chromium', () => {
  it('both orders become conflicts; the coordinator restores one with the edit and confirms the other deletion', async () => {
    expect(await storedDoc('people', 'p-kofi')).toMatchObject({ _deleted: true });
    expect(await storedDoc('people', 'p-esi')).toMatchObject({ _deleted: true });

    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, cora);

    // The family as the coordinator's device has it: both deleted members absent, Ama there.
    await page.getByRole('link', { name: 'Families', exact: true }).click();
    await page.getByRole('link', { name: /Owusu/ }).first().click();
    await page
      .getByText(/\bAma\b/)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.getByText(/\bKofi\b/).count()).toBe(0);

    await (await mainNavLink(page, 'Conflicts')).click();
    const cards = page.getByRole('table', { name: 'Open conflicts' }).locator('tbody');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);

    const kofiCard = cards.filter({ hasText: 'Kofi' });
    const esiCard = cards.filter({ hasText: 'Esi' });
    // Who deleted, who edited and what changed, in words; names come from the directory.
    await expect
      .poll(() => kofiCard.textContent(), { timeout: 30_000 })
      .toMatch(/Deleted on tablet-1 by Ana at .+; edited on tablet-2 by Ben at .+:/);
    expect(await kofiCard.textContent()).toContain('Date of birth: 1990-03-12 → 1990-03-21');
    await expect
      .poll(() => esiCard.textContent(), { timeout: 30_000 })
      .toMatch(/Deleted on tablet-1 by Ana at .+; edited on tablet-2 by Ben at .+:/);
    expect(await esiCard.textContent()).toContain('Date of birth: 1985-06-01 → 1985-01-06');
    // Only the detail the person changed is listed (no search keys, no metadata).
    expect(await kofiCard.getByRole('list', { name: 'What the edit changed' }).locator('li').count()).toBe(1);

    await kofiCard.getByRole('button', { name: 'Restore with the edit' }).click();
    await page.getByText('Record restored with the edit. It will sync to every device.').waitFor();
    await expect.poll(() => cards.count()).toBe(1);

    await esiCard.getByRole('button', { name: 'Confirm the deletion' }).click();
    await page.getByText('Deletion confirmed. The record stays deleted.').waitFor();
    await page.getByText('No open conflicts. Every edit merged cleanly.').waitFor();
    await waitUntilSynced(page);

    // On the server: Kofi back with the corrected date, Esi still deleted, both conflicts resolved.
    await expect
      .poll(async () => (await storedDoc('people', 'p-kofi'))?._deleted, { timeout: 30_000 })
      .toBe(false);
    expect(await storedDoc('people', 'p-kofi')).toMatchObject({
      dateOfBirth: '1990-03-21',
      updatedBy: cora.id,
    });
    expect(await storedDoc('people', 'p-esi')).toMatchObject({ _deleted: true });
    const conflicts = (await server.store.pull('conflicts', 0, 100, [SITE])).documents.map((d) => d.doc);
    expect(conflicts).toHaveLength(2);
    expect(conflicts.find((c) => c.recordId === 'p-kofi')).toMatchObject({
      field: '_deleted',
      status: 'resolved',
      resolution: { by: cora.id },
    });
    expect(conflicts.find((c) => c.recordId === 'p-esi')).toMatchObject({
      field: '_deleted',
      status: 'resolved',
      resolution: { valueJson: 'true', by: cora.id },
    });

    // On the coordinator's device: Kofi is a member of the family again (in-app navigation: a reload locks the app).
    await page.getByRole('link', { name: 'Families', exact: true }).click();
    await page.getByRole('link', { name: /Owusu/ }).first().click();
    await page
      .getByText(/\bKofi\b/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByText(/\bEsi\b/).count()).toBe(0);
  });
});
