/**
 * Upgrade with changes waiting to sync (issue #10, item 6). A device runs the
 * previous release, where people are at schema version 0, and registers a
 * family while its pushes fail. The server is redeployed with the current
 * release (people version 1 added the day an estimated age was given, 2 their
 * documents, 3 a member's own consent to messages), declared as the current version.
 * The device takes the update, its store migrates the waiting records, and
 * they sync in the new shape: nothing lost.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { COLLECTIONS } from '../../src/domain/collections';
import type { PushRow } from '../../src/sync/protocol';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { buildPreviousRelease, PREVIOUS_BUILD_ID } from './previousRelease';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, pendingCount, registerFamily, signInAs, unlockWithPin, waitUntilSynced } from './appDriver';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: await buildPreviousRelease() });
  volunteer = await seedUser(server, {
    username: 'amani',
    password: 'correct horse 12',
    roles: ['volunteer'],
  });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function storedDocs(collection: string): Promise<Record<string, unknown>[]> {
  return (await server.store.pull(collection, 0, 1000)).documents.map((stored) => stored.doc);
}

describe('an upgrade that migrates the schema while changes wait to sync', () => {
  it('migrates the waiting changes on the device, then syncs them in the new shape', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await waitForServiceWorker(page);
    const build = () => page.locator('[data-build]').getAttribute('data-build');
    expect(await build()).toBe(PREVIOUS_BUILD_ID);

    // On the previous release, offline as far as pushes go.
    await device.route('**/api/sync/**/push', (route) => route.abort('internetdisconnected'));
    const householdId = await registerFamily(page, {
      familyName: 'Uwimana',
      members: [
        { givenName: 'Claudine', familyName: 'Uwimana', dateOfBirth: '1990-02-03', relationship: 'head' },
        { givenName: 'Ange', familyName: 'Uwimana', estimatedAge: 7, sex: 'female', relationship: 'child' },
      ],
    });
    expect(await pendingCount(page)).toBeGreaterThan(0);
    expect(await storedDocs('people')).toEqual([]);

    // Deploy the current release: same origin, same data.
    const { port, dataDir } = server;
    await server.stop();
    server = await startE2eServer({ staticDir: inject('appDir'), port, dataDir });
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText('A new version is available.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Reload' }).click();
    await unlockWithPin(page);
    expect(await build()).not.toBe(PREVIOUS_BUILD_ID);

    // The waiting changes survived the migration of the device store.
    expect(await pendingCount(page)).toBeGreaterThan(0);
    await page.locator('main').getByText('Ange').first().waitFor();

    // What the upgraded device pushes is its own, migrated copy, declared as the new version.
    const pushes: { schemaVersion: string | undefined; rows: PushRow[] }[] = [];
    page.on('request', (request) => {
      if (!request.url().includes('/api/sync/people/push')) return;
      pushes.push({
        schemaVersion: request.headers()['x-schema-version'],
        rows: JSON.parse(request.postData() ?? '[]') as PushRow[],
      });
    });
    await device.unroute('**/api/sync/**/push');
    await waitUntilSynced(page);

    const pushedAnge = pushes
      .flatMap((push) =>
        push.rows.map((row) => ({ doc: row.newDocumentState, schemaVersion: push.schemaVersion })),
      )
      .filter(({ doc }) => doc.givenName === 'Ange');
    expect(pushedAnge.length).toBeGreaterThan(0);
    for (const { doc, schemaVersion } of pushedAnge) {
      expect(schemaVersion).toBe(String(COLLECTIONS.people.version));
      expect(doc.ageEstimatedOn).toBe(String(doc.createdAt).slice(0, 10));
    }

    // The server holds the family whole, in the new shape.
    const household = (await server.store.getDocument('households', householdId))?.doc;
    expect(household).toMatchObject({ familyName: 'Uwimana', arrivalMode: 'bus', _deleted: false });
    const people = (await storedDocs('people')).filter((doc) => doc.householdId === householdId);
    expect(people).toHaveLength(2);
    const ange = people.find((doc) => doc.givenName === 'Ange');
    const claudine = people.find((doc) => doc.givenName === 'Claudine');
    expect(ange).toMatchObject({
      familyName: 'Uwimana',
      estimatedAge: 7,
      sex: 'female',
      relationship: 'child',
    });
    expect(ange?.ageEstimatedOn).toBe(String(ange?.createdAt).slice(0, 10));
    expect(claudine).toMatchObject({ dateOfBirth: '1990-02-03', relationship: 'head' });
    expect(claudine).not.toHaveProperty('ageEstimatedOn');
    expect(await pendingCount(page)).toBe(0);
    await device.close();
  });
});
