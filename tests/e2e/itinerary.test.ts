/**
 * The family's printable itinerary in real Chromium: in the family's
 * language by default (the head speaks Spanish), in Arabic right to left on
 * request, printed to PDF on one page (files in test-results/).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, rawTranslationKeys, signInAs } from './appDriver';
import { seedFamily, SITE, todayAt } from './welcomeSeed';

let browser: Browser;
let server: E2eServer;
let caseworker: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  caseworker = await seedUser(server, { username: 'cw.lucia', password: 'caseworker pass 1', roles: ['caseworker'], siteIds: [SITE] });
  await seedFamily(server, {
    id: 'hh-garcia',
    familyName: 'García Pérez',
    contactPhone: '+1 602 555 0142',
    members: [
      { id: 'p-maria', givenName: 'María José', dateOfBirth: '1989-03-02', relationship: 'head', languages: ['quc', 'es'] },
      { id: 'p-pedro', givenName: 'Pedro', dateOfBirth: '1986-11-19', relationship: 'spouse', languages: ['es'] },
      { id: 'p-sofia', givenName: 'Sofía', dateOfBirth: '2014-06-08', relationship: 'child', languages: ['es'] },
      { id: 'p-mateo', givenName: 'Mateo', dateOfBirth: '2019-12-24', relationship: 'child', languages: ['es'] },
    ],
    legs: [
      {
        id: 'leg-1',
        mode: 'bus',
        carrier: 'Greyhound',
        pickupAt: todayAt(13),
        departureAt: todayAt(14),
        arrivalAt: todayAt(22),
        departurePlace: 'Phoenix Greyhound station, 2115 E Buckeye Rd',
        arrivalPlace: 'Albuquerque bus station',
        bookingReference: 'GH-4471-QX',
        seats: 4,
      },
      {
        id: 'leg-2',
        mode: 'bus',
        carrier: 'Greyhound',
        departureAt: todayAt(23),
        arrivalAt: new Date(Date.parse(todayAt(23)) + 9 * 3_600_000).toISOString(),
        departurePlace: 'Albuquerque bus station',
        arrivalPlace: 'Denver bus center, 1055 19th St',
        bookingReference: 'GH-4471-QY',
        seats: 4,
      },
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Pages in a PDF file: its page objects, not the page-tree node. */
function pdfPageCount(file: string): number {
  return (readFileSync(file, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

async function printToPdf(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  return file;
}

describe('the printable itinerary', () => {
  it("prints in the family's Spanish by default and in Arabic right to left, each on one page", async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, caseworker);
    // Within the app (a full page load would lock it: the keys live in memory only).
    await page.getByRole('link', { name: /García Pérez/ }).first().click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'García Pérez' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Printable itinerary' }).click();

    const itinerary = page.locator('article.itinerary');
    await itinerary.waitFor({ timeout: 60_000 });
    expect(await page.getByLabel("Family's language").inputValue()).toBe('es');
    expect(await itinerary.getAttribute('lang')).toBe('es');
    await itinerary.getByText('Itinerario de viaje — familia García Pérez').waitFor();
    await itinerary.getByText('Si pierde una conexión').waitFor();
    for (const text of ['María José García Pérez', 'GH-4471-QY', 'Carmen Ruiz', '+1 720 555 0134']) {
      await itinerary.getByText(text).first().waitFor();
    }
    // The interface stays in English around it.
    await page.getByRole('button', { name: 'Print' }).waitFor();
    expect(await rawTranslationKeys(page)).toEqual([]);
    const spanish = await printToPdf(page, 'itinerary-es');
    expect(pdfPageCount(spanish)).toBe(1);

    await page.getByLabel("Family's language").selectOption('ar');
    await itinerary.getByText('إذا فاتتكم رحلة الربط').waitFor();
    expect(await itinerary.getAttribute('dir')).toBe('rtl');
    expect(await itinerary.getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).not.toBe('rtl');
    const arabic = await printToPdf(page, 'itinerary-ar');
    expect(pdfPageCount(arabic)).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'itinerary-ar.png'), fullPage: true });
    await device.close();
  });
});
