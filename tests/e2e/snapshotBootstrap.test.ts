/**
 * A new device bootstraps from the server's snapshot pages: it signs in,
 * receives the site's families through GET /api/sync/:collection/snapshot, is
 * usable at once, pushes none of what it received, and then receives a later
 * edit from another device through ordinary replication (pull pages).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, registerFamily, signInAs, waitUntilSynced } from './appDriver';

let browser: Browser;
let server: E2eServer;
let volunteers: E2eUser[];

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteers = await Promise.all(
    ['amina', 'tomas'].map((username) =>
      seedUser(server, { username, password: 'correct horse 12', roles: ['volunteer'] }),
    ),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every sync request a device makes: method and path. */
function recordSyncRequests(device: BrowserContext) {
  const requests: { method: string; path: string }[] = [];
  device.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/sync/')) requests.push({ method: request.method(), path });
  });
  return requests;
}

describe('a new device bootstrapped from a snapshot', () => {
  it('signs in, is usable, pushes nothing back and receives a later edit from another device', async () => {
    const deviceA = await newDevice(browser);
    const pageA = await deviceA.newPage();
    await openApp(pageA, server.url);
    await signInAs(pageA, server, volunteers[0]!);
    const id = await registerFamily(pageA, {
      familyName: 'Haile',
      contactPhone: '+1 602 555 0200',
      members: [{ givenName: 'Selam', familyName: 'Haile' }],
    });
    await waitUntilSynced(pageA);

    const deviceB = await newDevice(browser);
    const requestsB = recordSyncRequests(deviceB);
    const pageB = await deviceB.newPage();
    await openApp(pageB, server.url);
    await signInAs(pageB, server, volunteers[1]!);
    // Usable: the family is on the list and opens with its member.
    await pageB.getByRole('link', { name: /Haile/ }).first().click();
    await pageB.getByText('Selam').first().waitFor({ timeout: 30_000 });
    await waitUntilSynced(pageB);
    const snapshotPaths = requestsB.filter((r) => r.path.endsWith('/snapshot')).map((r) => r.path);
    expect(snapshotPaths).toEqual(expect.arrayContaining(['/api/sync/households/snapshot', '/api/sync/people/snapshot']));

    // Device A edits the family; device B receives it through ordinary replication.
    await pageA.getByRole('link', { name: 'Edit' }).click();
    await pageA.getByLabel('Contact phone').fill('+1 602 555 0301');
    await pageA.getByRole('button', { name: 'Save' }).click();
    await pageA.waitForURL(new RegExp(`/households/${id}$`));
    await waitUntilSynced(pageA);
    await pageB.getByText('+1 602 555 0301').first().waitFor({ timeout: 30_000 });
    const householdRequests = requestsB.filter((r) => r.path.startsWith('/api/sync/households/'));
    expect(householdRequests.at(-1)).toEqual({ method: 'GET', path: '/api/sync/households/pull' });

    // Device B never pushed what it received.
    expect(requestsB.filter((r) => r.method === 'POST' && r.path.endsWith('/push'))).toEqual([]);
    await deviceA.close();
    await deviceB.close();
  });
});
