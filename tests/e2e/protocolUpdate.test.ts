/**
 * A device meets a server that no longer serves its release (issue 22: the
 * protocol handshake). The server is restarted on the same data as a release
 * that requires a newer app; the device's next sync is answered 426, and the
 * app says that it must update and that its changes are safe, keeping the
 * family it registered meanwhile as not yet synced, instead of failing in
 * ways a person cannot read. Back on a server that serves it, it syncs.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, pendingCount, registerFamily, signInAs, waitUntilSynced } from './appDriver';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  volunteer = await seedUser(server, { username: 'vol.protocol', password: 'volunteer pass 1', roles: ['volunteer'], siteIds: ['main'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a server that no longer serves this app', () => {
  it('says an update is needed, keeps the unsynced family, and syncs it once served again', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await waitUntilSynced(page);

    // The same data and address, now served by a release that needs a newer app.
    const { port, dataDir } = server;
    const staticDir = inject('appDir');
    await server.stop();
    server = await startE2eServer({
      staticDir,
      port,
      dataDir,
      protocol: { serverProtocol: PROTOCOL_VERSION + 1, minClientProtocol: PROTOCOL_VERSION + 1 },
    });

    await registerFamily(page, {
      familyName: 'Okafor',
      members: [{ givenName: 'Ngozi', familyName: 'Okafor', dateOfBirth: '1988-02-14' }],
    });
    const banner = page.getByRole('alert').filter({ hasText: 'older than the server accepts' });
    await banner.waitFor({ timeout: 60_000 });
    await banner.getByText('Your changes are safe on this device').waitFor();
    expect(await pendingCount(page)).toBeGreaterThan(0);

    // A server that serves this release again: the family is sent.
    await server.stop();
    server = await startE2eServer({ staticDir, port, dataDir });
    await waitUntilSynced(page, 90_000);
    expect(await pendingCount(page)).toBe(0);
    await device.close();
  });
});
