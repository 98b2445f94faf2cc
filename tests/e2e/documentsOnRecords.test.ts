/**
 * Documents beyond the family page, in real Chromium (issue 19): a volunteer
 * on a phone adds a passport photo on a member, the bus ticket on a travel
 * leg and a hearing notice on a milestone; a coordinator's device receives
 * them after sync and opens the ticket; the leg's driver, on their phone,
 * finds the ticket kept on the device and opens it with no signal; and the
 * phone lets go of a kept ticket once it no longer qualifies (the leg given
 * to another driver, or departed more than a day ago, offline). A case
 * officer adds the caller's letter to a call in the call-back queue, and
 * another officer opens it. And when the server refuses a document for good
 * (too large), the person reads why on the document, and the rest uploads.
 * A coordinator keeps a family's document on their device, opens it with no
 * signal after a reload, then removes it from the device.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  hasHorizontalScroll,
  mainNavLink,
  openApp,
  rawTranslationKeys,
  signInAs,
  unlockWithPin,
  waitUntilSynced,
} from './appDriver';
import { seedFamily, SITE, todayAt } from './welcomeSeed';
import { noisePng } from './images';
import type { Attachments } from '../../src/domain/attachments';
import { deriveCall } from '../../src/domain/calls';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;
let coordinator: E2eUser;
let driver: E2eUser;

const FAMILY_ID = 'hh-records-docs';
const MEMBER_ID = 'p-records-amara';
const LEG_ID = 'leg-records-bus';
const REFUSED_FAMILY_ID = 'hh-refused-docs';
const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_FAMILY_ID = 'hh-window-docs';
const WINDOW_LEG_ID = 'leg-window-bus';
const KEPT_FAMILY_ID = 'hh-kept-docs';
let otherDriver: E2eUser;
/** The server's per-file cap here: a phone photo of 2,000 px of noise is well over it. */
const MAX_FILE_BYTES = 1024 * 1024;

beforeAll(async () => {
  server = await startE2eServer({
    staticDir: inject('appDir'),
    attachmentLimits: { maxFileBytes: MAX_FILE_BYTES },
  });
  browser = await launchChromium();
  volunteer = await seedUser(server, {
    username: 'vol.records',
    password: 'volunteer pass 1',
    roles: ['volunteer'],
    siteIds: [SITE],
  });
  coordinator = await seedUser(server, {
    username: 'coord.records',
    password: 'coordinator pass 1',
    roles: ['coordinator'],
    siteIds: [SITE],
  });
  driver = await seedUser(server, {
    username: 'driver.records',
    password: 'driver password 1',
    roles: ['driver'],
    siteIds: [SITE],
  });
  await seedFamily(server, {
    id: FAMILY_ID,
    familyName: 'Diallo',
    contactPhone: '+1 602 555 0144',
    members: [
      {
        id: MEMBER_ID,
        givenName: 'Amara',
        dateOfBirth: '1988-03-02',
        relationship: 'head',
        languages: ['fr'],
      },
    ],
    legs: [
      {
        id: LEG_ID,
        mode: 'bus',
        carrier: 'Greyhound',
        departureAt: todayAt(17),
        pickupAt: todayAt(16),
        departurePlace: 'Phoenix Greyhound station',
        arrivalPlace: 'Columbus bus terminal',
        bookingReference: 'GH-9012-KD',
        seats: 1,
        driverId: driver.id,
      },
    ],
  });
  otherDriver = await seedUser(server, {
    username: 'driver.records.two',
    password: 'driver password 2',
    roles: ['driver'],
    siteIds: [SITE],
  });
  await seedFamily(server, {
    id: WINDOW_FAMILY_ID,
    familyName: 'Okafor',
    contactPhone: '+1 602 555 0177',
    members: [
      {
        id: 'p-window-ngozi',
        givenName: 'Ngozi',
        dateOfBirth: '1990-01-12',
        relationship: 'head',
        languages: ['en'],
      },
    ],
    legs: [
      {
        id: WINDOW_LEG_ID,
        mode: 'bus',
        carrier: 'Greyhound',
        departureAt: todayAt(17),
        departurePlace: 'Phoenix Greyhound station',
        arrivalPlace: 'Tulsa bus terminal',
        bookingReference: 'GH-7781-OK',
        seats: 1,
        driverId: driver.id,
      },
    ],
  });
  await seedFamily(server, {
    id: REFUSED_FAMILY_ID,
    familyName: 'Haddad',
    contactPhone: '+1 602 555 0166',
    members: [
      {
        id: 'p-refused-lina',
        givenName: 'Lina',
        dateOfBirth: '1995-07-19',
        relationship: 'head',
        languages: ['ar'],
      },
    ],
    legs: [],
  });
  await seedFamily(server, {
    id: KEPT_FAMILY_ID,
    familyName: 'Mensah',
    contactPhone: '+1 602 555 0188',
    members: [
      {
        id: 'p-kept-kofi',
        givenName: 'Kofi',
        dateOfBirth: '1984-11-03',
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

async function addDocument(
  where: ReturnType<Page['locator']>,
  file: { name: string; buffer: Buffer },
  kind: string,
  note: string,
) {
  await where.getByRole('button', { name: 'Add document' }).click();
  await where.getByLabel('Photo or file (image or PDF)').setInputFiles({ ...file, mimeType: 'image/png' });
  await where.getByLabel('Kind of document').selectOption({ label: kind });
  await where.getByLabel('Note (optional)').fill(note);
  await where.getByRole('button', { name: 'Save document' }).click();
  await where.locator('.documents__item', { hasText: note }).waitFor({ timeout: 30_000 });
  // The form closes once the document is saved on the device.
  await where.getByRole('button', { name: 'Save document' }).waitFor({ state: 'detached' });
}

async function openFamily(page: Page, familyName: string) {
  await page
    .getByRole('link', { name: new RegExp(familyName) })
    .first()
    .click({ timeout: 60_000 });
  await page.getByRole('heading', { level: 1, name: familyName }).waitFor({ timeout: 60_000 });
}

/** The ids of the documents whose (encrypted) content the device's document store holds. */
async function heldOnDevice(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases())
      .map((info) => info.name ?? '')
      .filter((name) => name.startsWith('waystation-attachments-'));
    const ids: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('contents').objectStore('contents').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      db.close();
      ids.push(...keys.map(String));
    }
    return ids.sort();
  });
}

/** Writes a travel leg on the server as a coordinator's change would arrive there. */
async function changeLegOnServer(id: string, change: Record<string, unknown>) {
  const stored = await server.store.getDocument('travelLegs', id);
  if (!stored) throw new Error(`no leg ${id}`);
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putDocument(
      'travelLegs',
      { ...stored.doc, ...change, updatedAt: at, updatedBy: coordinator.id },
      SITE,
    );
  });
}

async function attachmentsOn(collection: 'people' | 'travelLegs', id: string) {
  const stored = await server.store.getDocument(collection, id);
  return Object.values((stored?.doc.attachments ?? {}) as Attachments).map((a) => [a.kind, a.note]);
}

describe('documents on a member and a travel leg', () => {
  it('reach a coordinator\u2019s device, and the driver opens the ticket offline', async () => {
    const phone = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await openFamily(page, 'Diallo');
    await waitUntilSynced(page);

    const member = page.getByRole('region', { name: 'Amara Diallo' });
    await addDocument(
      member,
      { name: 'passport.png', buffer: noisePng(400, 300) },
      'ID document',
      'Passport, photo page',
    );
    const leg = page.locator('.leg-card', { hasText: 'Columbus bus terminal' });
    await addDocument(
      leg,
      { name: 'ticket.png', buffer: noisePng(400, 300) },
      'Ticket',
      'Bus ticket, seat 12',
    );
    // A milestone (the suggested asylum deadline, added with one tap) takes its notice the same way.
    await page.locator('.milestone-suggestions').getByRole('button', { name: 'Add' }).first().click();
    const milestone = page.locator('.milestone').first();
    await milestone.waitFor({ timeout: 30_000 });
    await addDocument(
      milestone,
      { name: 'notice.png', buffer: noisePng(300, 400) },
      'Notice to appear',
      'Hearing notice, page 1',
    );
    // Each document is on its own record: the member's is not listed on the leg, nor the other way round.
    expect(await member.locator('.documents__item').allInnerTexts()).toEqual([
      expect.stringMatching(/^ID document/),
    ]);
    expect(await leg.locator('.documents__item').allInnerTexts()).toEqual([expect.stringMatching(/^Ticket/)]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'documents-member-leg-360');

    // Uploaded and synced: the server holds both contents, and its records name them.
    await expect
      .poll(
        async () =>
          (await server.store.listAudit({ action: 'attachment_upload', limit: 20 })).filter(
            (entry) => entry.recordId === FAMILY_ID,
          ).length,
        { timeout: 90_000 },
      )
      .toBe(3);
    await waitUntilSynced(page);
    await expect
      .poll(() => attachmentsOn('people', MEMBER_ID), { timeout: 30_000 })
      .toEqual([['id_document', 'Passport, photo page']]);
    await expect
      .poll(() => attachmentsOn('travelLegs', LEG_ID), { timeout: 30_000 })
      .toEqual([['ticket', 'Bus ticket, seat 12']]);

    // A coordinator's device receives both and opens the ticket.
    const office = await newDevice(browser);
    const desk = await office.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, coordinator);
    await desk.goto(`${server.url}/households/${FAMILY_ID}`);
    await unlockWithPin(desk);
    await desk.getByRole('heading', { level: 1, name: 'Diallo' }).waitFor({ timeout: 60_000 });
    await desk
      .getByRole('region', { name: 'Amara Diallo' })
      .locator('.documents__item', { hasText: 'Passport, photo page' })
      .waitFor({ timeout: 60_000 });
    await desk
      .locator('.milestone .documents__item', { hasText: 'Hearing notice, page 1' })
      .waitFor({ timeout: 60_000 });
    const deskTicket = desk.locator('.leg-card .documents__item', { hasText: 'Bus ticket, seat 12' });
    await deskTicket.waitFor({ timeout: 60_000 });
    await deskTicket.getByRole('button', { name: 'Ticket' }).click();
    const deskImage = deskTicket.locator('img.documents__image');
    await deskImage.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => deskImage.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 })
      .toBe(400);
    await office.close();
    await phone.close();

    // The driver's phone keeps the ticket of the leg they drive, and opens it with no signal.
    const van = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const driverPage = await van.newPage();
    await openApp(driverPage, server.url);
    await signInAs(driverPage, server, driver);
    await (await mainNavLink(driverPage, "Driver's day")).click();
    const card = driverPage.getByRole('article', { name: 'Diallo' });
    await card.waitFor({ timeout: 60_000 });
    const ticket = card.locator('.documents__item', { hasText: 'Bus ticket, seat 12' });
    await ticket.getByText('On this device (opens offline)').waitFor({ timeout: 60_000 });
    // Only the ticket: the member's passport photo never reaches a driver.
    expect(await card.locator('.documents__item').count()).toBe(1);
    const downloads = await server.store.listAudit({ action: 'attachment_download', limit: 20 });
    expect(downloads.filter((d) => d.userId === driver.id)).toHaveLength(1);

    await van.setOffline(true);
    await driverPage.locator('.sync-bar', { hasText: 'Offline' }).waitFor();
    await ticket.getByRole('button', { name: 'Ticket' }).click();
    const image = ticket.locator('img.documents__image');
    await image.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 })
      .toBe(400);
    // Opened from the device: no request reached the server while offline.
    const after = await server.store.listAudit({ action: 'attachment_download', limit: 20 });
    expect(after.filter((d) => d.userId === driver.id)).toHaveLength(1);
    expect(await hasHorizontalScroll(driverPage)).toBe(false);
    expect(await rawTranslationKeys(driverPage)).toEqual([]);
    await screenshot(driverPage, 'documents-driver-ticket-offline-360');

    // The leg is given to another driver: back online, the phone lets go of its ticket.
    const ticketId = Object.keys(
      (await server.store.getDocument('travelLegs', LEG_ID))?.doc.attachments ?? {},
    );
    expect(await heldOnDevice(driverPage)).toEqual(ticketId);
    await changeLegOnServer(LEG_ID, { driverId: otherDriver.id });
    await van.setOffline(false);
    await expect.poll(() => heldOnDevice(driverPage), { timeout: 90_000 }).toEqual([]);
    await van.close();
  }, 360_000);
});

describe('a driver\u2019s kept ticket after the day', () => {
  it('is let go of once the leg departed more than a day ago, with no signal', async () => {
    const phone = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await openFamily(page, 'Okafor');
    await waitUntilSynced(page);
    const leg = page.locator('.leg-card', { hasText: 'Tulsa bus terminal' });
    await addDocument(
      leg,
      { name: 'ticket.png', buffer: noisePng(300, 200) },
      'Ticket',
      'Bus ticket to Tulsa',
    );
    await expect
      .poll(() => attachmentsOn('travelLegs', WINDOW_LEG_ID), { timeout: 90_000 })
      .toEqual([['ticket', 'Bus ticket to Tulsa']]);
    await expect
      .poll(
        async () =>
          (await server.store.listAudit({ action: 'attachment_upload', limit: 50 })).filter(
            (entry) => entry.recordId === WINDOW_FAMILY_ID,
          ).length,
        { timeout: 90_000 },
      )
      .toBe(1);
    await phone.close();
    const ticketId = Object.keys(
      (await server.store.getDocument('travelLegs', WINDOW_LEG_ID))?.doc.attachments ?? {},
    );
    expect(ticketId).toHaveLength(1);

    // The bus left almost a day ago (twenty minutes short of it): the driver's phone still keeps the ticket.
    // The phone's clock is Playwright's (it runs as a real one until moved), so the day can end without the
    // test waiting for it; the phone locks only after 30 untouched minutes, so moving its clock by 21 does not lock it.
    const leftAt = Date.now() - DAY_MS + 20 * 60_000;
    await changeLegOnServer(WINDOW_LEG_ID, { departureAt: new Date(leftAt).toISOString() });
    const van = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    await van.clock.install();
    await van.addInitScript(
      ([item, minutes]) =>
        localStorage.setItem(item, JSON.stringify({ state: { idleMinutes: minutes }, version: 0 })),
      ['waystation.idleLock', 30] as const,
    );
    const driverPage = await van.newPage();
    await openApp(driverPage, server.url);
    await signInAs(driverPage, server, driver);
    await expect.poll(() => heldOnDevice(driverPage), { timeout: 90_000 }).toEqual(ticketId);

    // With no signal, once the day has passed, the phone lets go of it by itself.
    await van.setOffline(true);
    await driverPage.locator('.sync-bar', { hasText: 'Offline' }).waitFor();
    const phoneNow = () => driverPage.evaluate(() => Date.now());
    // Still inside the day when the phone went offline: what follows happens with no signal.
    expect(await phoneNow()).toBeLessThan(leftAt + DAY_MS);
    await expect.poll(() => heldOnDevice(driverPage), { timeout: 5_000 }).toEqual(ticketId);
    await driverPage.clock.fastForward('21:00');
    expect(await phoneNow()).toBeGreaterThan(leftAt + DAY_MS);
    await expect.poll(() => heldOnDevice(driverPage), { timeout: 60_000 }).toEqual([]);
    // Let go of by the phone's own rule, not by a lock: the driver is still signed in.
    await driverPage.locator('.sync-bar', { hasText: 'Offline' }).waitFor({ timeout: 5_000 });
    await van.close();
  }, 600_000);
});

describe('a document on a call in the call-back queue', () => {
  it('added by one case officer, opened by another on their device', async () => {
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const desk = 'helpline-docs';
    const officers = [
      await seedUser(server, {
        username: 'amina_officer',
        password: 'officer password 1',
        roles: ['case_officer'],
        siteIds: [desk],
      }),
      await seedUser(server, {
        username: 'bruno_officer',
        password: 'officer password 2',
        roles: ['case_officer'],
        siteIds: [desk],
      }),
    ];
    await server.store.transaction(async (tx) => {
      await tx.putUnit({
        id: 'legal',
        name: 'Legal',
        siteId: desk,
        callbackHours: 48,
        createdAt: at,
        updatedAt: at,
      });
      for (const officer of officers) {
        const record = await tx.getUserForUpdate(officer.id);
        if (!record) throw new Error('officer not stored');
        await tx.updateUser({ ...record, unitId: 'legal' });
      }
      const call = deriveCall({
        id: 'call-docs',
        siteId: desk,
        createdAt: at,
        updatedAt: at,
        updatedBy: officers[0]!.id,
        deviceId: 'desk-1',
        startedAt: at,
        endedAt: at,
        agentId: officers[0]!.id,
        callerLanguage: 'es',
        category: 'documentation' as const,
        summary: 'Caller will send a photo of the court letter.',
        verification: { attempts: {} },
        outcome: {
          kind: 'escalated' as const,
          unitId: 'legal',
          callbackDueAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        callbacks: {},
        assignments: { first: { unitId: 'legal', at, by: officers[0]!.id } },
        verificationStatus: 'unverified' as const,
        status: 'open' as const,
        dueAt: '',
        assignedUnitId: '',
        assignedTo: '',
      });
      await tx.putDocument('calls', { ...call, _deleted: false }, desk);
    });
    const queueItem = async (officer: E2eUser) => {
      const device = await newDevice(browser);
      const page = await device.newPage();
      await openApp(page, server.url);
      await signInAs(page, server, officer);
      await page.getByRole('heading', { level: 1, name: 'Call-back queue' }).waitFor({ timeout: 30_000 });
      const item = page.locator('.queue-item', { hasText: 'court letter' });
      await item.waitFor({ timeout: 60_000 });
      await item.getByText('Record a call-back or reassign').click();
      return { device, page, item };
    };

    const first = await queueItem(officers[0]!);
    await addDocument(
      first.item,
      { name: 'letter.png', buffer: noisePng(300, 200) },
      'Letter',
      'Court letter from the caller',
    );
    await expect
      .poll(
        async () =>
          (await server.store.listAudit({ action: 'attachment_upload', limit: 50 })).filter(
            (e) => e.siteId === desk,
          ).length,
        {
          timeout: 90_000,
        },
      )
      .toBe(1);
    await waitUntilSynced(first.page);

    const second = await queueItem(officers[1]!);
    const seen = second.item.locator('.documents__item', { hasText: 'Court letter from the caller' });
    await seen.waitFor({ timeout: 60_000 });
    await seen.getByRole('button', { name: 'Letter' }).click();
    await seen.locator('img.documents__image').waitFor({ timeout: 30_000 });
    expect(await rawTranslationKeys(second.page)).toEqual([]);
    await first.device.close();
    await second.device.close();
  });
});

describe('a document the server refuses for good', () => {
  it('says why on the document, and the rest still uploads', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await openFamily(page, 'Haddad');
    await waitUntilSynced(page);

    // Both added offline, the large one first: it is first in the queue.
    await tablet.setOffline(true);
    // The family's own documents (a member's sit inside the member).
    const family = page.locator('section.documents--level-2');
    await addDocument(
      family,
      { name: 'scan.png', buffer: noisePng(2600, 1300) },
      'Letter',
      'Sponsor letter, full scan',
    );
    await addDocument(family, { name: 'slip.png', buffer: noisePng(300, 200) }, 'Other', 'Shelter slip');
    const waiting = page.getByTestId('documents-waiting');
    await expect
      .poll(() => waiting.innerText(), { timeout: 30_000 })
      .toMatch(/^2 documents waiting to upload/);

    await tablet.setOffline(false);
    const refused = page.locator('.documents__item', { hasText: 'Sponsor letter, full scan' });
    await refused
      .getByText(
        'Not uploaded: the file is larger than the server accepts. It stays on this device only; add a smaller photo or file.',
      )
      .waitFor({ timeout: 90_000 });
    // The small one went through after it; nothing waits any more (the refused one is not retried).
    await waiting.waitFor({ state: 'detached', timeout: 90_000 });
    // The sync bar does not let "nothing waiting" read as "all sent".
    expect(await page.getByTestId('documents-refused').innerText()).toBe(
      '1 document not uploaded: the server refused it (the reason is on the document)',
    );
    const uploads = await server.store.listAudit({ action: 'attachment_upload', limit: 20 });
    const slip = page.locator('.documents__item', { hasText: 'Shelter slip' });
    expect(await slip.locator('.documents__refused').count()).toBe(0);
    expect(uploads.filter((u) => u.recordId === REFUSED_FAMILY_ID)).toHaveLength(1);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'documents-refused');

    // Still refused after a reload (kept on the device with the reason), and still not waiting.
    await page.reload();
    await unlockWithPin(page);
    await page.getByRole('heading', { level: 1, name: 'Haddad' }).waitFor({ timeout: 60_000 });
    await page
      .locator('.documents__item', { hasText: 'Sponsor letter, full scan' })
      .locator('.documents__refused')
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('documents-waiting').count()).toBe(0);
    await page.getByTestId('documents-refused').waitFor({ timeout: 30_000 });
    await tablet.close();
  });
});

describe('a document the person keeps on their device', () => {
  it('opens offline once kept, and no longer once removed from the device', async () => {
    const tablet = await newDevice(browser);
    const page = await tablet.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, volunteer);
    await openFamily(page, 'Mensah');
    await waitUntilSynced(page);
    await addDocument(
      page.locator('section.documents--level-2'),
      { name: 'release.png', buffer: noisePng(300, 200) },
      'Release form',
      'Release form, signed',
    );
    await expect
      .poll(
        async () =>
          (await server.store.listAudit({ action: 'attachment_upload', limit: 50 })).filter(
            (entry) => entry.recordId === KEPT_FAMILY_ID,
          ).length,
        { timeout: 90_000 },
      )
      .toBe(1);
    await waitUntilSynced(page);
    await tablet.close();

    // A coordinator's phone: the document is listed, not held, and offered to keep.
    const phone = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const desk = await phone.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, coordinator);
    await desk.goto(`${server.url}/households/${KEPT_FAMILY_ID}`);
    await unlockWithPin(desk);
    await desk.getByRole('heading', { level: 1, name: 'Mensah' }).waitFor({ timeout: 60_000 });
    const item = () => desk.locator('.documents__item', { hasText: 'Release form, signed' });
    await item().waitFor({ timeout: 60_000 });
    expect(await heldOnDevice(desk)).toEqual([]);
    await item().getByRole('button', { name: 'Keep on this device' }).click();
    await item().getByText('Kept on this device').waitFor({ timeout: 30_000 });
    expect(await heldOnDevice(desk)).toHaveLength(1);
    expect(await hasHorizontalScroll(desk)).toBe(false);
    expect(await rawTranslationKeys(desk)).toEqual([]);
    await screenshot(desk, 'documents-kept-by-person-360');

    // With no signal, after a reload and the PIN, it opens from the device.
    await waitForServiceWorker(desk);
    await phone.setOffline(true);
    await desk.reload();
    await unlockWithPin(desk);
    await desk.getByRole('heading', { level: 1, name: 'Mensah' }).waitFor({ timeout: 60_000 });
    await item().getByRole('button', { name: 'Release form' }).click();
    const image = item().locator('img.documents__image');
    await image.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 })
      .toBe(300);

    // Removed from the device: still listed, but opening it offline says it is not here.
    await item().getByRole('button', { name: 'Remove from this device' }).click();
    await item().getByRole('button', { name: 'Keep on this device' }).waitFor({ timeout: 30_000 });
    expect(await heldOnDevice(desk)).toEqual([]);
    await item().getByRole('button', { name: 'Release form' }).click();
    await desk
      .getByRole('alert')
      .getByText('This document is not on this device; open it again when online.')
      .waitFor({ timeout: 30_000 });
    // Keeping it needs the server too: offline, the same plain words.
    await item().getByRole('button', { name: 'Keep on this device' }).click();
    await expect.poll(() => heldOnDevice(desk), { timeout: 5_000 }).toEqual([]);
    expect(await rawTranslationKeys(desk)).toEqual([]);
    await phone.close();
  }, 300_000);
});
