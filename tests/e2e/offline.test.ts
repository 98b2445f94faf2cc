/**
 * Scenarios 1 and 2 of the browser proof: the app opens with no network,
 * keeps what is entered offline and syncs it by itself; two devices that
 * edited the same family offline end with the same record and nothing lost.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  fillMember,
  openApp,
  pendingCount,
  registerFamily,
  signInAs,
  unlockWithPin,
  waitUntilSynced,
} from './appDriver';

type Doc = { id: string; _deleted: boolean } & Record<string, unknown>;

let browser: Browser;
let server: E2eServer;
let volunteers: E2eUser[];
/** A coordinator's session, to check what reached the server through its own API. */
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

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteers = await Promise.all(
    ['amina', 'tomas'].map((username) =>
      seedUser(server, { username, password: 'correct horse 12', roles: ['volunteer'] }),
    ),
  );
  await seedUser(server, { username: 'coord', password: 'correct horse 12', roles: ['coordinator'] });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coord', password: 'correct horse 12' }),
  });
  coordinatorToken = ((await login.json()) as { token: string }).token;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('offline use in Chromium', () => {
  it('opens with no network after a first visit, keeps a family entered offline and syncs it on reconnect', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteers[0]!);
    await waitForServiceWorker(page);

    await device.setOffline(true);
    await page.reload();
    await unlockWithPin(page);
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    await page.locator('.sync-bar', { hasText: 'Offline' }).waitFor();

    const id = await registerFamily(page, {
      familyName: 'Mendoza',
      contactPhone: '+1 602 555 0101',
      members: [
        { givenName: 'Rosa', familyName: 'Mendoza', dateOfBirth: '1990-04-12' },
        { givenName: 'Luis', familyName: 'Mendoza', dateOfBirth: '2015-09-01' },
        { givenName: 'Ana', familyName: 'Mendoza', dateOfBirth: '2019-01-20' },
      ],
    });
    expect(await pendingCount(page)).toBeGreaterThan(0);
    // The record itself carries the not-yet-synced mark.
    await page.locator('.pending-mark').first().waitFor({ timeout: 10_000 });
    expect((await pullAll('households')).some((d) => d.id === id)).toBe(false);

    await device.setOffline(false);
    await waitUntilSynced(page);
    expect(await pendingCount(page)).toBe(0);
    await page.locator('.pending-mark').first().waitFor({ state: 'detached', timeout: 10_000 });

    const households = await pullAll('households');
    expect(households.find((d) => d.id === id)).toMatchObject({ familyName: 'Mendoza', contactPhone: '+1 602 555 0101' });
    const members = (await pullAll('people')).filter((d) => d.householdId === id && !d._deleted);
    expect(members.map((m) => m.givenName).sort()).toEqual(['Ana', 'Luis', 'Rosa']);
    await device.close();
  });

  it('two devices that edited one family offline converge; a same-field clash becomes a conflict holding both values', async () => {
    const deviceA = await newDevice(browser);
    const deviceB = await newDevice(browser);
    const pageA = await deviceA.newPage();
    const pageB = await deviceB.newPage();
    await openApp(pageA, server.url);
    await signInAs(pageA, server, volunteers[0]!);
    const id = await registerFamily(pageA, {
      familyName: 'Haile',
      contactPhone: '+1 602 555 0200',
      members: [{ givenName: 'Selam', familyName: 'Haile' }],
    });
    await waitUntilSynced(pageA);
    await openApp(pageB, server.url);
    await signInAs(pageB, server, volunteers[1]!);
    await pageB.getByRole('link', { name: /Haile/ }).first().click();
    await pageB.getByText('Selam').first().waitFor({ timeout: 30_000 });
    await waitUntilSynced(pageB);

    await deviceA.setOffline(true);
    await deviceB.setOffline(true);

    // Device A changes the phone number.
    await pageA.getByRole('link', { name: 'Edit' }).click();
    await pageA.getByLabel('Contact phone').fill('+1 602 555 0301');
    await pageA.getByRole('button', { name: 'Save' }).click();
    await pageA.waitForURL(new RegExp(`/households/${id}$`));

    // Device B adds a member and sets another phone number.
    await pageB.getByRole('link', { name: 'Edit' }).click();
    await pageB.getByLabel('Contact phone').fill('+1 602 555 0402');
    await pageB.getByRole('button', { name: 'Add a person' }).click();
    await fillMember(pageB, 1, { givenName: 'Dawit', familyName: 'Haile' });
    await pageB.getByRole('button', { name: 'Save' }).click();
    await pageB.waitForURL(new RegExp(`/households/${id}$`));

    await deviceA.setOffline(false);
    await deviceB.setOffline(false);
    await waitUntilSynced(pageA);
    await waitUntilSynced(pageB);

    const serverHousehold = (await pullAll('households')).find((d) => d.id === id)!;
    expect(['+1 602 555 0301', '+1 602 555 0402']).toContain(serverHousehold.contactPhone);
    const conflicts = (await pullAll('conflicts')).filter((c) => c.recordId === id && c.field === 'contactPhone');
    expect(conflicts).toHaveLength(1);
    const values = [conflicts[0]!.kept, conflicts[0]!.rejected].map((side) => JSON.parse((side as { valueJson: string }).valueJson));
    expect(values.sort()).toEqual(['+1 602 555 0301', '+1 602 555 0402']);

    // Both devices show the same record: the server's phone and both members.
    for (const page of [pageA, pageB]) {
      await page.getByText(String(serverHousehold.contactPhone)).first().waitFor({ timeout: 30_000 });
      await page.getByText('Dawit').first().waitFor({ timeout: 30_000 });
      await expect(page.getByText('Selam').first().isVisible()).resolves.toBe(true);
    }
    await deviceA.close();
    await deviceB.close();
  });
});
