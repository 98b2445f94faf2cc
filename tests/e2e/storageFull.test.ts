/**
 * A full device in real Chromium (issue #10, item 4): the origin's quota is
 * shrunk through the DevTools protocol, a family is saved, and the person is
 * told plainly that it was not saved while the one saved before stays; with
 * room again, saving the same form works and both reach the server.
 *
 * How Chromium applies the override to IndexedDB: a transaction asks the
 * quota manager for room when it commits (BucketContext::CheckCanUseDiskSpace
 * in content/browser/indexed_db), but grants from a cached "space remaining"
 * for up to 30 seconds after its last answer, decaying to nothing. So right
 * after the override, writes may still pass; the test writes to a scratch
 * database until one is refused, which is the moment the quota manager has
 * been asked again and the app's next write is refused too.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  fillMember,
  openApp,
  pendingCount,
  rawTranslationKeys,
  registerFamily,
  signInAs,
  waitUntilSynced,
} from './appDriver';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;

const PROBE_DB = 'storage-full-probe';

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteer = await seedUser(server, {
    username: 'neema',
    password: 'correct horse 12',
    roles: ['volunteer'],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Creates the scratch database while there is room (creating one is itself a write). */
async function createProbe(page: Page): Promise<void> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('probe');
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('probe open failed'));
      }),
    PROBE_DB,
  );
}

/** Writes 64 KB to the scratch database; the name of the error that refused it, or 'ok'. */
async function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    (name) =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open(name, 1);
        request.onerror = () => resolve(request.error?.name ?? 'open failed');
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put(crypto.getRandomValues(new Uint8Array(65_536)), 'filler');
          tx.oncomplete = () => {
            db.close();
            resolve('ok');
          };
          tx.onabort = () => {
            db.close();
            resolve(tx.error?.name ?? 'aborted');
          };
        };
      }),
    PROBE_DB,
  );
}

/** Shrinks the origin's quota to what it already uses: nothing more fits. */
async function fillDevice(cdp: CDPSession, page: Page, origin: string): Promise<void> {
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
  // Writes pass on the quota manager's cached answer for up to 30 s; wait until one is refused.
  await expect.poll(() => probeWrite(page), { timeout: 60_000, interval: 1_000 }).toBe('QuotaExceededError');
}

/** Text that does not compress or repeat, like a real note, at the form's 4,000-character limit. */
function longNote(): string {
  const words = [
    'sponsor',
    'bus',
    'Denver',
    'asthma',
    'inhaler',
    'cousin',
    'shelter',
    'court',
    'hearing',
    'shoes',
  ];
  let text = '';
  for (let i = 0; text.length < 3_990; i++) text += `${words[(i * 7 + (i >> 3)) % words.length]} ${i} `;
  // Trimmed, as the form's schema stores it.
  return text.slice(0, 4_000).trim();
}

describe('a full device in Chromium', () => {
  it('refuses a save plainly, keeps what was saved and what was typed, and saves it once there is room', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    const origin = new URL(server.url).origin;
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);

    const firstId = await registerFamily(page, {
      familyName: 'Mendoza',
      members: [{ givenName: 'Rosa', familyName: 'Mendoza', dateOfBirth: '1990-04-12' }],
    });
    await waitUntilSynced(page);
    await createProbe(page);

    const cdp = await device.newCDPSession(page);
    await fillDevice(cdp, page, origin);

    // Another family, with long notes, on the full device.
    const notes = longNote();
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    await page.getByRole('group', { name: 'Family' }).getByLabel('Family name').fill('Okafor');
    await page.getByLabel('How they arrived').selectOption('bus');
    await fillMember(page, 0, { givenName: 'Chidi', familyName: 'Okafor', dateOfBirth: '1985-02-03' });
    await page.getByLabel('Notes', { exact: true }).fill(notes);
    await page.getByRole('button', { name: 'Save' }).click();

    const refusal = page.getByRole('alert').filter({ hasText: 'This device is out of storage' });
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toBe(
      'This device is out of storage, so this change was not saved. Everything saved before is safe. ' +
        'Free up space on the device (delete photos, videos or apps you do not need), then save again.',
    );
    await page.getByTestId('storage-full').waitFor();
    expect(await rawTranslationKeys(page)).toEqual([]);
    // Still on the form, with everything typed.
    expect(new URL(page.url()).pathname).toBe('/households/new');
    expect(await page.getByRole('group', { name: 'Family' }).getByLabel('Family name').inputValue()).toBe(
      'Okafor',
    );
    expect(await page.getByLabel('Notes', { exact: true }).inputValue()).toBe(notes);
    // Nothing of the refused save waits to sync: no half-written family, no orphaned outbox entry.
    expect(await pendingCount(page)).toBe(0);
    await page.locator('.sync-bar', { hasText: 'All changes synced' }).waitFor();

    // Space is freed; the same form saves.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/households\/(?!new$)[A-Za-z0-9_-]+$/, { timeout: 30_000 });
    const secondId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('storage-full').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Families' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    const list = page.getByRole('region', { name: 'Families found' });
    await list.getByText('Okafor').waitFor();
    await list.getByText('Mendoza').waitFor();

    await waitUntilSynced(page);
    const [first, second] = await Promise.all([
      server.store.getDocument('households', firstId),
      server.store.getDocument('households', secondId),
    ]);
    expect(first).toMatchObject({ deleted: false, doc: { familyName: 'Mendoza' } });
    expect(second).toMatchObject({ deleted: false, doc: { familyName: 'Okafor' } });
    expect((await server.store.getDocument('sensitive', secondId))?.doc).toMatchObject({ notes });
    await device.close();
  });
});
