/**
 * Documents in real Chromium (issue 19): a volunteer photographs a release
 * form on the family's page while offline; the sync bar says it waits; back
 * online, the upload's second chunk is cut off and the upload resumes; a
 * coordinator signed in on a second device opens the photo, downscaled to
 * 2,000 px on its long edge.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  openApp,
  pendingCount,
  rawTranslationKeys,
  signInAs,
  unlockWithPin,
  waitUntilSynced,
} from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';
import { noisePng } from './images';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;
let coordinator: E2eUser;

const FAMILY_ID = 'hh-documents';

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  volunteer = await seedUser(server, {
    username: 'vol.docs',
    password: 'volunteer pass 1',
    roles: ['volunteer'],
    siteIds: [SITE],
  });
  coordinator = await seedUser(server, {
    username: 'coord.docs',
    password: 'coordinator pass 1',
    roles: ['coordinator'],
    siteIds: [SITE],
  });
  await seedFamily(server, {
    id: FAMILY_ID,
    familyName: 'Okafor',
    contactPhone: '+1 602 555 0177',
    members: [
      {
        id: 'p-docs-ada',
        givenName: 'Ada',
        dateOfBirth: '1990-05-01',
        relationship: 'head',
        languages: ['en'],
      },
    ],
    legs: [],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('adding a document', () => {
  it('without a file, or with one that is neither an image nor a PDF, is refused with why and saves nothing', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await page
      .getByRole('link', { name: /Okafor/ })
      .first()
      .click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Okafor' }).waitFor({ timeout: 60_000 });
    await waitUntilSynced(page);
    const section = page.locator('section.documents--level-2');
    await section.getByRole('button', { name: 'Add document' }).click();

    await section.getByRole('button', { name: 'Save document' }).click();
    await section.getByRole('alert').getByText('Choose a photo or a file first.').waitFor();

    await section.getByLabel('Photo or file (image or PDF)').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Not a picture of a paper.'),
    });
    await section.getByLabel('Note (optional)').fill('Typed notes');
    await section.getByRole('button', { name: 'Save document' }).click();
    await section
      .getByRole('alert')
      .getByText('This file is neither an image nor a PDF; nothing was saved.')
      .waitFor();

    // Nothing saved: no document listed, nothing waiting to sync or upload, none on the server.
    expect(await section.locator('.documents__item').count()).toBe(0);
    expect(await pendingCount(page)).toBe(0);
    expect(await page.getByTestId('documents-waiting').count()).toBe(0);
    const stored = await server.store.getDocument('households', FAMILY_ID);
    expect(Object.keys((stored?.doc.attachments ?? {}) as object)).toEqual([]);
    // The form stays open with the note, to choose another file.
    expect(await section.getByLabel('Note (optional)').inputValue()).toBe('Typed notes');
    await tablet.close();
  });
});

describe('a photo of a paper', () => {
  it('is added offline on one device, uploaded through a cut connection and opened on another', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await page
      .getByRole('link', { name: /Okafor/ })
      .first()
      .click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Okafor' }).waitFor({ timeout: 60_000 });
    await waitUntilSynced(page);

    await tablet.setOffline(true);
    // The family's own documents (each member has an "Add document" of their own).
    await page.locator('section.documents--level-2').getByRole('button', { name: 'Add document' }).click();
    await page.getByLabel('Photo or file (image or PDF)').setInputFiles({
      name: 'release.png',
      mimeType: 'image/png',
      buffer: noisePng(2600, 1300),
    });
    // A volunteer is not offered the medical kind (they would not receive it back).
    const kinds = await page.getByLabel('Kind of document').locator('option').allInnerTexts();
    expect(kinds).toContain('Release form');
    expect(kinds).not.toContain('Medical');
    await page.getByLabel('Kind of document').selectOption({ label: 'Release form' });
    await page.getByLabel('Note (optional)').fill('ICE release, page 1');
    await page.getByRole('button', { name: 'Save document' }).click();

    const item = page.locator('.documents__item', { hasText: 'Release form' });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.innerText()).toMatch(/ICE release, page 1/);
    expect(await item.innerText()).toMatch(/MB \(original \d+(\.\d)? MB\)/);
    const waiting = page.getByTestId('documents-waiting');
    await waiting.waitFor({ timeout: 30_000 });
    expect(await waiting.innerText()).toMatch(/^1 document waiting to upload, \d+(\.\d)? MB$/);
    // The photo opens from the device while offline (decrypted in memory).
    await item.getByRole('button', { name: 'Release form' }).click();
    await item.locator('img.documents__image').waitFor({ timeout: 30_000 });
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'documents-offline');

    // Back online: the second chunk is cut off once; the upload resumes from the server's offset.
    let puts = 0;
    let cut = false;
    await page.route('**/api/attachments/uploads/*', async (route) => {
      if (route.request().method() === 'PUT') {
        puts += 1;
        if (puts === 2 && !cut) {
          cut = true;
          return route.abort('connectionreset');
        }
      }
      return route.continue();
    });
    await tablet.setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 90_000 });
    expect(cut).toBe(true);
    await waitUntilSynced(page);

    // The server holds the document once, and the family record names it.
    const stored = await server.store.getDocument('households', FAMILY_ID);
    const attachments = Object.values(
      (stored?.doc.attachments ?? {}) as Record<string, { kind: string; sha256: string }>,
    );
    expect(attachments.map((a) => a.kind)).toEqual(['release_form']);
    const audits = await server.store.listAudit({ action: 'attachment_upload', limit: 10 });
    expect(audits).toHaveLength(1);

    // A coordinator on a second device opens it.
    const office = await newDevice(browser);
    const desk = await office.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, coordinator);
    // Opened by its address: a reload locks the app, and the PIN opens it again.
    await desk.goto(`${server.url}/households/${FAMILY_ID}`);
    await unlockWithPin(desk);
    await desk.getByRole('heading', { level: 1, name: 'Okafor' }).waitFor({ timeout: 60_000 });
    const seen = desk.locator('.documents__item', { hasText: 'Release form' });
    await seen.waitFor({ timeout: 60_000 });
    await seen.getByRole('button', { name: 'Release form' }).click();
    const image = seen.locator('img.documents__image');
    await image.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 })
      .toBe(2000);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(1000);
    const downloads = await server.store.listAudit({ action: 'attachment_download', limit: 10 });
    expect(downloads.map((d) => d.userId)).toEqual([coordinator.id]);
    await screenshot(desk, 'documents-second-device');
    await tablet.close();
    await office.close();
  });
});
