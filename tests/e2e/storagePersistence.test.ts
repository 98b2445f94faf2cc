/**
 * The browser is asked to keep the device's data at the first save, and the
 * person sees whether it is protected (issue 15, item 1). Headless Chromium
 * refuses persistence by its own heuristics (no engagement, not installed);
 * the "granted" case grants the permission through the DevTools protocol,
 * as an installed app or a bookmarked site would get it.
 *
 * Records and their outbox entries are written with strict durability: every
 * read-write transaction on those databases is seen with `durability: 'strict'`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { openApp, registerFamily, signInAs } from './appDriver';

let browser: Browser;
let server: E2eServer;

const NOT_PROTECTED_BAR = 'This browser may delete the data on this device.';
const REFUSED =
  'Not protected: this browser may delete the data on this device when storage runs low, or after 7 days without use (Safari), including changes not yet synced.';
const WHAT_TO_DO = 'What to do: install the app';
const NOT_ASKED =
  'Not protected yet: at your first save, the app asks this browser to keep the data on this device.';
const PROTECTED = 'Protected: this browser has promised to keep the data on this device';

interface Probe {
  persistCalls: number;
  writes: { db: string; durability: string }[];
}

/** Counts the app's persistence requests and records the durability of every read-write transaction. */
async function watchStorage(device: BrowserContext): Promise<void> {
  await device.addInitScript(() => {
    const probe: Probe = { persistCalls: 0, writes: [] };
    (window as unknown as { storageProbe: Probe }).storageProbe = probe;
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function (this: StorageManager) {
      probe.persistCalls += 1;
      return persist.call(this);
    };
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      const tx = transaction.apply(this, args);
      if (tx.mode === 'readwrite') probe.writes.push({ db: this.name, durability: tx.durability });
      return tx;
    };
  });
}

function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { storageProbe: Probe }).storageProbe);
}

async function openAccount(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
}

const family = {
  familyName: 'Wanjiru',
  members: [{ givenName: 'Neema', familyName: 'Wanjiru', dateOfBirth: '1992-06-14' }],
};

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('persistent storage in Chromium', () => {
  it('asks at the first save; refused, it says plainly what that means and what to do; writes are strict', async () => {
    const user = await seedUser(server, {
      username: 'halima',
      password: 'halima-password-1',
      roles: ['volunteer'],
    });
    const device = await newDevice(browser);
    await watchStorage(device);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, user);

    await openAccount(page);
    await page.getByTestId('storage-protection').getByText(NOT_ASKED).waitFor();
    expect((await readProbe(page)).persistCalls).toBe(0);

    await registerFamily(page, family);
    await page.getByTestId('storage-not-protected').getByText(NOT_PROTECTED_BAR).waitFor();
    expect((await readProbe(page)).persistCalls).toBe(1);
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);

    await page.getByTestId('storage-not-protected').getByRole('link', { name: 'What to do' }).click();
    const section = page.getByTestId('storage-protection');
    await section.getByText(REFUSED).waitFor();
    await section.getByText(WHAT_TO_DO).waitFor();

    // A second save in the same page load does not ask again.
    await registerFamily(page, { ...family, familyName: 'Achieng' });
    expect((await readProbe(page)).persistCalls).toBe(1);

    const { writes } = await readProbe(page);
    const recordWrites = writes.filter((write) => /--\d+--(households|people|outbox)$/.test(write.db));
    expect(recordWrites.map((write) => write.db)).toEqual(
      expect.arrayContaining([expect.stringMatching(/--outbox$/), expect.stringMatching(/--households$/)]),
    );
    expect(recordWrites.filter((write) => write.durability !== 'strict')).toEqual([]);
    await device.close();
  });

  it('granted, the account page says the data is protected and the sync bar warns of nothing', async () => {
    const user = await seedUser(server, {
      username: 'juma',
      password: 'juma-password-1',
      roles: ['volunteer'],
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    const target = await device.newCDPSession(page);
    const { targetInfo } = await target.send('Target.getTargetInfo');
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send('Browser.grantPermissions', {
      permissions: ['durableStorage'],
      origin: server.url,
      browserContextId: targetInfo.browserContextId,
    });

    await openApp(page, server.url);
    await signInAs(page, server, user);
    await registerFamily(page, family);
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);

    await openAccount(page);
    await page.getByTestId('storage-protection').getByText(PROTECTED).waitFor();
    await expect(page.getByTestId('storage-not-protected').count()).resolves.toBe(0);
    await device.close();
  });
});
