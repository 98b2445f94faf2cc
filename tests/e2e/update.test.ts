/**
 * Scenario 4 of the browser proof: a new build is deployed while the app is
 * open. The app offers the update; accepting reloads into the new version;
 * changes that were waiting to sync are still there, and then sync.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { buildApp } from './buildApp';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, pendingCount, registerFamily, signInAs, unlockWithPin, waitUntilSynced } from './appDriver';

const NEXT_BUILD_DIR = path.resolve(`test-results/app-build-next-${process.pid}`);

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;

beforeAll(async () => {
  await buildApp(NEXT_BUILD_DIR, 'e2e-2');
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteer = await seedUser(server, {
    username: 'farah',
    password: 'correct horse 12',
    roles: ['volunteer'],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(NEXT_BUILD_DIR, { recursive: true, force: true });
});

describe('a new version deployed while the app is open', () => {
  it('is offered, reloads on acceptance, and keeps then syncs the changes waiting to sync', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await waitForServiceWorker(page);
    const build = () => page.locator('[data-build]').getAttribute('data-build');
    expect(await build()).toBe('e2e-1');

    // Work waits to sync: pushes fail while the network is flaky.
    await device.route('**/api/sync/**/push', (route) => route.abort('internetdisconnected'));
    const id = await registerFamily(page, {
      familyName: 'Nkurunziza',
      members: [{ givenName: 'Aline', familyName: 'Nkurunziza', dateOfBirth: '1995-05-05' }],
    });
    expect(await pendingCount(page)).toBeGreaterThan(0);

    // Deploy: the same server (origin, data) now serves the next build.
    const { port, dataDir } = server;
    await server.stop();
    server = await startE2eServer({ staticDir: NEXT_BUILD_DIR, port, dataDir });

    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText('A new version is available.').waitFor({ timeout: 60_000 });
    expect(await build()).toBe('e2e-1'); // nothing reloads until the person says so
    await page.getByRole('button', { name: 'Reload' }).click();

    await unlockWithPin(page);
    expect(await build()).toBe('e2e-2');
    expect(await pendingCount(page)).toBeGreaterThan(0);
    // The reload reopened the family's own page, from the device store.
    await page.locator('main').getByText('Nkurunziza').first().waitFor();

    await device.unroute('**/api/sync/**/push');
    await waitUntilSynced(page);
    const stored = await server.store.getDocument('households', id);
    expect(stored?.doc).toMatchObject({ familyName: 'Nkurunziza' });
    await device.close();
  });
});
