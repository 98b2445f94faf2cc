/**
 * The family's card (issue 19, item 6) in real Chromium: shown and printed in
 * the family's language (Spanish, then Arabic right to left; PDFs in
 * test-results/), carrying the reference and a QR code and not the family's
 * name; then, on a second, offline device, a photo of the card's QR code and
 * the reference typed as a caller reads it out each open the family.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, newDevice, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, rawTranslationKeys, signInAs } from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';
import { householdReference } from '../../src/domain/householdReference';

let browser: Browser;
let server: E2eServer;
let caseworker: E2eUser;
let volunteer: E2eUser;

const FAMILY_ID = 'hh-garcia-card';

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  caseworker = await seedUser(server, { username: 'cw.card', password: 'caseworker pass 1', roles: ['caseworker'], siteIds: [SITE] });
  volunteer = await seedUser(server, { username: 'vol.door', password: 'volunteer pass 1', roles: ['volunteer'], siteIds: [SITE] });
  await seedFamily(server, {
    id: FAMILY_ID,
    familyName: 'García Pérez',
    contactPhone: '+1 602 555 0142',
    members: [
      { id: 'p-card-maria', givenName: 'María José', dateOfBirth: '1989-03-02', relationship: 'head', languages: ['es'] },
      { id: 'p-card-mateo', givenName: 'Mateo', dateOfBirth: '2019-12-24', relationship: 'child', languages: ['es'] },
    ],
    legs: [],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function printToPdf(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(ARTIFACTS_DIR, `${name}.pdf`), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
}

describe("the family's card", () => {
  const reference = householdReference(FAMILY_ID);
  let qrPhoto: string;

  it("shows and prints the card in the family's language, with the reference and a QR code and no name", async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, caseworker);
    await page.getByRole('link', { name: /García Pérez/ }).first().click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'García Pérez' }).waitFor({ timeout: 60_000 });
    // The family's page shows the same reference, so staff can read it out too.
    await page.getByText(reference, { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Family card' }).click();

    const card = page.locator('article.family-card');
    await card.getByText('Tarjeta familiar de Waystation').waitFor({ timeout: 60_000 });
    expect(await card.getAttribute('lang')).toBe('es');
    expect(await card.getByTestId('card-reference').innerText()).toBe(reference);
    const cardText = await card.innerText();
    expect(cardText).not.toContain('García');
    expect(cardText).not.toContain('María');
    expect(await rawTranslationKeys(page)).toEqual([]);
    await printToPdf(page, 'family-card-es');
    // In print, only the card is on the page: no header, no controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the card' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    qrPhoto = path.join(ARTIFACTS_DIR, 'family-card-qr.png');
    writeFileSync(qrPhoto, await card.locator('svg.qr-code').screenshot());

    await page.getByLabel("Family's language").selectOption('ar');
    await card.getByText('بطاقة عائلة Waystation').waitFor();
    expect(await card.getAttribute('dir')).toBe('rtl');
    expect(await card.getByTestId('card-reference').innerText()).toBe(reference);
    await printToPdf(page, 'family-card-ar');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'family-card-ar.png'), fullPage: true });
    await device.close();
  });

  it('opens the family from a photo of the QR code and from the reference read out, offline on another device', async () => {
    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await page.getByRole('link', { name: /García Pérez/ }).first().waitFor({ timeout: 60_000 });
    // Offline from here on: the screens come from the service worker's precache.
    await waitForServiceWorker(page);
    await device.setOffline(true);

    await page.getByRole('link', { name: 'Scan a card' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scan a card' }).waitFor({ timeout: 60_000 });
    await page.locator('input[type=file]').setInputFiles(qrPhoto);
    await page.getByRole('heading', { level: 1, name: 'García Pérez' }).waitFor({ timeout: 30_000 });

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Scan a card' }).waitFor();
    // Not a reference: said plainly, nothing opens.
    await page.getByLabel('Reference on the card').fill('hello');
    await page.getByRole('button', { name: 'Find the family' }).click();
    await page.getByText('This is not a Waystation card reference').waitFor();
    // A reference no family on the device has.
    const other = reference === '0000-0000' ? '0000-0001' : '0000-0000';
    await page.getByLabel('Reference on the card').fill(other);
    await page.getByRole('button', { name: 'Find the family' }).click();
    await page.getByText('No family on this device has this card.').waitFor();
    // As a caller reads it out and an agent types it: lower case, a space instead of the dash.
    await page.getByLabel('Reference on the card').fill(reference.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Find the family' }).click();
    await page.getByRole('heading', { level: 1, name: 'García Pérez' }).waitFor({ timeout: 30_000 });
    expect(await rawTranslationKeys(page)).toEqual([]);
    await device.close();
  });
});
