/**
 * The driver's day on a phone (360×740) in real Chromium: the list works
 * with no signal, status taps made offline wait on the phone and reach the
 * server, with who and when, once the phone is back online.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, screenshot, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  hasHorizontalScroll,
  mainNavLink,
  openApp,
  pendingCount,
  rawTranslationKeys,
  signInAs,
  unlockWithPin,
  waitUntilSynced,
} from './appDriver';
import { seedFamily, SITE, todayAt } from './welcomeSeed';
import { legHistory, type TravelLeg } from '../../src/domain/travel';

let browser: Browser;
let server: E2eServer;
let driver: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  driver = await seedUser(server, { username: 'driver.dario', password: 'driver password 1', roles: ['driver'], siteIds: [SITE] });
  await seedFamily(server, {
    id: 'hh-mendoza',
    familyName: 'Mendoza',
    contactPhone: '+1 602 555 0101',
    members: [
      { id: 'p-rosa', givenName: 'Rosa', dateOfBirth: '1990-04-12', relationship: 'head', languages: ['es'] },
      { id: 'p-luis', givenName: 'Luis', dateOfBirth: '2015-09-01', relationship: 'child', languages: ['es'] },
    ],
    legs: [
      {
        id: 'leg-mendoza-bus',
        mode: 'bus',
        carrier: 'Greyhound',
        departureAt: todayAt(17),
        pickupAt: todayAt(16),
        departurePlace: 'Phoenix Greyhound station, 2115 E Buckeye Rd',
        arrivalPlace: 'Denver bus center',
        bookingReference: 'GH-4471-QX',
        seats: 2,
        driverId: driver.id,
      },
    ],
  });
  await seedFamily(server, {
    id: 'hh-tesfaye',
    familyName: 'Tesfaye',
    contactPhone: '+1 602 555 0199',
    members: [{ id: 'p-almaz', givenName: 'Almaz', dateOfBirth: '1987-01-30', relationship: 'head', languages: ['ti'] }],
    legs: [
      {
        id: 'leg-tesfaye-plane',
        mode: 'plane',
        carrier: 'Southwest',
        departureAt: todayAt(11),
        departurePlace: 'PHX Terminal 4',
        arrivalPlace: 'Houston Hobby',
        bookingReference: 'SW7Q2P',
        seats: 1,
      },
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the driver's day offline on a phone", () => {
  it('taps made offline reach the server after reconnecting', async () => {
    const phone = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await openApp(page, server.url);
    await waitForServiceWorker(page);
    await signInAs(page, server, driver);
    await (await mainNavLink(page, "Driver's day")).click();
    const mendoza = page.getByRole('article', { name: 'Mendoza' });
    await mendoza.waitFor({ timeout: 60_000 });

    // By pick-up time: the 11:00 flight before the 16:00 pick-up for the 17:00 bus.
    const headings = await page.locator('.driver-leg__family').allTextContents();
    expect(headings).toEqual(['Tesfaye', 'Mendoza']);
    await expect(mendoza.getByText('2 seats').isVisible()).resolves.toBe(true);
    await expect(mendoza.getByText('GH-4471-QX').isVisible()).resolves.toBe(true);
    expect(await mendoza.getByRole('link', { name: '+1 602 555 0101' }).getAttribute('href')).toBe('tel:+16025550101');
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);

    await phone.setOffline(true);
    await page.locator('.sync-bar', { hasText: 'Offline' }).waitFor();
    await mendoza.getByRole('button', { name: 'Mark picked up' }).click();
    await mendoza.getByRole('button', { name: 'Mark at the station' }).click();
    await mendoza.getByRole('button', { name: 'Mark boarded' }).waitFor();
    expect(await pendingCount(page)).toBeGreaterThan(0);
    expect((await server.store.getDocument('travelLegs', 'leg-mendoza-bus'))?.doc.status).toBe('ticketed');
    await screenshot(page, 'driver-day-offline-360');

    // Offline, after a reload and the PIN, the day and the taps are still there (the device store).
    await page.reload();
    await unlockWithPin(page);
    await (await mainNavLink(page, "Driver's day")).click();
    await page.getByRole('article', { name: 'Mendoza' }).getByRole('button', { name: 'Mark boarded' }).waitFor({ timeout: 60_000 });

    await phone.setOffline(false);
    await waitUntilSynced(page);
    // Both taps reach the server (RxDB may push the first, then the second, as separate rounds).
    const storedLeg = async () =>
      (await server.store.getDocument('travelLegs', 'leg-mendoza-bus'))?.doc as TravelLeg | undefined;
    await expect.poll(async () => (await storedLeg())?.status, { timeout: 30_000 }).toBe('at_station');
    const stored = await storedLeg();
    expect(stored && legHistory(stored).map((h) => [h.status, h.by])).toEqual([
      ['ticketed', 'seed'],
      ['picked_up', driver.id],
      ['at_station', driver.id],
    ]);
    await phone.close();
  });
});
