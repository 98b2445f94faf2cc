/**
 * Messages to families (issue 20) in real Chromium, on a phone-width screen:
 * a case worker records a family's consent (number and language), adds a
 * court hearing, and sees its two reminders scheduled in the family's
 * language; offline she cancels the 1-day reminder; after sync the server's
 * dispatcher (its clock moved by the test) sends the 7-day reminder in
 * Spanish, the family's page shows it sent, and the cancelled one is never
 * sent. Then staff withdraw another family's consent offline: after sync
 * the server never sends its scheduled reminder. Last, a member gives her
 * own number: her hearing's reminder goes there, in her language.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  hasHorizontalScroll,
  openApp,
  pendingCount,
  rawTranslationKeys,
  signInAs,
  waitUntilSynced,
} from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';
import { MESSAGES_OFF } from '../../src/domain/messaging';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import { LogProvider } from '../../sync-server/src/services/messaging/logProvider';

const DAY = 24 * 3_600_000;
let browser: Browser;
let server: E2eServer;
let lucia: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  lucia = await seedUser(server, {
    username: 'cw.lucia',
    password: 'caseworker pass 1',
    roles: ['caseworker'],
    siteIds: [SITE],
    displayName: 'Lucía Romero',
  });
  await seedFamily(server, {
    id: 'hh-ruiz',
    familyName: 'Ruiz Mendoza',
    contactPhone: '+1 602 555 0142',
    members: [
      { id: 'p-ana', givenName: 'Ana', dateOfBirth: '1990-05-02', relationship: 'head', languages: ['es'] },
    ],
    legs: [],
  });
  await server.store.messages.putSettings(
    SITE,
    {
      switches: { ...MESSAGES_OFF, hearing: true, ice_checkin: true, departure: true },
      templates: {},
      timeZone: 'UTC',
      ratePerMinute: 30,
    },
    'seed',
    new Date().toISOString(),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Lucía's phone (360 px wide), signed in and synced, on the family's page. */
async function openFamilyOnPhone(familyName: string) {
  const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
  const page = await device.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, lucia);
  await waitUntilSynced(page);
  await page
    .getByRole('link', { name: new RegExp(familyName) })
    .first()
    .click({ timeout: 60_000 });
  await page.getByRole('heading', { level: 1, name: familyName }).waitFor({ timeout: 60_000 });
  return { device, page };
}

/** Written straight into the server: the family consented to messages at `at`, and has one upcoming milestone. */
async function seedConsentAndMilestone(
  householdId: string,
  at: string,
  messaging: { phone: string; channel: 'sms' | 'whatsapp'; language: string },
  milestone: { id: string; kind: string; dueAt: string; place: string; personId?: string },
) {
  await server.store.transaction(async (tx) => {
    const stored = (await tx.getDocuments('households', [householdId])).get(householdId)!;
    await tx.putDocument('households', { ...stored.doc, messaging: { ...messaging, consentedAt: at } }, SITE);
    await tx.putDocument(
      'milestones',
      {
        id: milestone.id,
        siteId: SITE,
        createdAt: at,
        updatedAt: at,
        updatedBy: 'seed',
        deviceId: 'seed',
        householdId,
        ...(milestone.personId ? { personId: milestone.personId } : {}),
        kind: milestone.kind,
        dueAt: milestone.dueAt,
        place: milestone.place,
        status: 'upcoming',
        _deleted: false,
      },
      SITE,
    );
  });
}

/** A datetime-local value `hours` from now, in the device's zone (the browser's and the test's are the same). */
function localInput(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

describe('messages to a family', () => {
  it('consent, a hearing, its reminders scheduled in Spanish, one cancelled offline and never sent, the other sent', async () => {
    const start = Date.now();
    let clock = start;
    const provider = new LogProvider({ info: () => undefined }, server.store.messages);
    const dispatcher = new MessageDispatcher({ store: server.store, provider, now: () => new Date(clock) });

    const { device, page } = await openFamilyOnPhone('Ruiz Mendoza');

    const section = page.getByRole('region', { name: 'Messages to the family' });
    await section.getByText('No consent to messages recorded').waitFor();
    await section.getByRole('button', { name: 'Record consent to messages' }).click();
    // Without the language of the messages it is refused, and nothing is saved.
    await section.getByLabel('Phone number for messages').fill('+254 712 345 678');
    await section.getByRole('button', { name: 'Save consent' }).click();
    await section.getByRole('alert').getByText('Choose the language of the messages.').waitFor();
    expect(await pendingCount(page)).toBe(0);
    // A number without its country code is refused, and nothing is saved.
    await section.getByLabel('Phone number for messages').fill('0712 345678');
    await section.getByLabel('Language of the messages').selectOption('es');
    await section.getByRole('button', { name: 'Save consent' }).click();
    await section.getByRole('alert').getByText('Enter a valid phone number with its country code').waitFor();
    expect(await pendingCount(page)).toBe(0);
    await section.getByLabel('Phone number for messages').fill('+254 712 345 678');
    await section.getByLabel('Send by').selectOption('sms');
    await section.getByRole('button', { name: 'Save consent' }).click();
    await section.getByTestId('messaging-consent').getByText('+254712345678 by SMS, in Spanish').waitFor();

    // A court hearing ten days from now.
    await page.getByRole('button', { name: 'Add a milestone' }).click();
    await page.getByLabel('What').selectOption('court_hearing');
    await page.getByLabel('Date and time').fill(localInput(10 * 24));
    await page.getByLabel('Place').fill('Immigration Court, 250 N 7th Ave, Phoenix');
    await page.getByRole('button', { name: 'Save milestone' }).click();

    const rows = section.getByTestId('family-message');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('Court hearing reminder, 7 days before');
    expect(await rows.nth(1).innerText()).toContain('Court hearing reminder, 1 day before');
    for (const i of [0, 1]) {
      expect(await rows.nth(i).getAttribute('data-state')).toBe('scheduled');
      expect(await rows.nth(i).innerText()).toContain('Scheduled');
      expect(await rows.nth(i).innerText()).toContain('Spanish');
    }
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await waitUntilSynced(page);

    // Offline: the 1-day reminder is cancelled on the device, and waits to sync.
    await device.setOffline(true);
    await rows.nth(1).getByRole('button', { name: 'Cancel this reminder' }).click();
    await expect.poll(() => rows.nth(1).getAttribute('data-state')).toBe('cancelled');
    expect(await rows.nth(1).innerText()).toContain('Cancelled');
    await expect.poll(() => pendingCount(page)).toBeGreaterThan(0);
    await device.setOffline(false);
    await waitUntilSynced(page);

    // The server's clock passes the 7-day reminder's time, then the 1-day one's.
    clock = start + 3 * DAY + 3_600_000;
    await dispatcher.tick();
    clock = start + 9 * DAY + 3_600_000;
    await dispatcher.tick();
    const sent = await server.store.messages.listLogged(undefined, 10);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('+254712345678');
    expect(sent[0]?.body).toContain('Recordatorio: su audiencia');
    expect(sent[0]?.body).toContain('Immigration Court, 250 N 7th Ave, Phoenix');

    // The family's page, still open, shows what the server did at its next look (every 15 s while online).
    await expect.poll(() => rows.nth(0).getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    expect(await rows.nth(0).innerText()).toContain('Sent');
    expect(await rows.nth(1).getAttribute('data-state')).toBe('cancelled');
    const audit = await server.store.listAudit({ action: 'message_sent', limit: 10 });
    expect(audit.map((entry) => entry.recordId)).toEqual(['hh-ruiz']);
    await device.close();
  });

  it('staff withdraw the family’s consent offline: recorded with when, by whom and how, synced, and the scheduled reminder is never sent', async () => {
    const start = Date.now();
    let clock = start;
    const provider = new LogProvider({ info: () => undefined }, server.store.messages);
    const dispatcher = new MessageDispatcher({ store: server.store, provider, now: () => new Date(clock) });
    await seedFamily(server, {
      id: 'hh-okafor',
      familyName: 'Okafor',
      contactPhone: '+1 602 555 0177',
      members: [
        {
          id: 'p-ngozi',
          givenName: 'Ngozi',
          dateOfBirth: '1988-03-09',
          relationship: 'head',
          languages: ['fr'],
        },
      ],
      legs: [],
    });
    const seeded = new Date(start - 3_600_000).toISOString();
    await seedConsentAndMilestone(
      'hh-okafor',
      seeded,
      { phone: '+254712345679', channel: 'whatsapp', language: 'fr' },
      {
        id: 'm-okafor',
        kind: 'ice_checkin',
        dueAt: new Date(start + 3 * DAY).toISOString(),
        place: 'ICE field office, 2035 N Central Ave, Phoenix',
      },
    );
    await dispatcher.tick();
    expect(
      (await server.store.messages.listMessages({ householdId: 'hh-okafor', limit: 10 })).map((m) => m.state),
    ).toEqual(['queued']);

    const { device, page } = await openFamilyOnPhone('Okafor');
    const section = page.getByRole('region', { name: 'Messages to the family' });
    await section
      .getByTestId('messaging-consent')
      .getByText('+254712345679 by WhatsApp, in French')
      .waitFor();
    const rows = section.getByTestId('family-message');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).getAttribute('data-state')).toBe('scheduled');

    // Offline, the family tells the case worker they want no more messages.
    await device.setOffline(true);
    await section.getByRole('button', { name: 'Withdraw consent to messages' }).click();
    await section
      .getByTestId('messaging-consent')
      .getByText(/^Consent to messages withdrawn by staff \(Lucía Romero\) on /)
      .waitFor();
    await expect.poll(() => rows.nth(0).getAttribute('data-state')).toBe('consent_withdrawn');
    expect(await rows.nth(0).innerText()).toContain('Not to be sent: consent withdrawn');
    expect(await rows.nth(0).getByRole('button', { name: 'Cancel this reminder' }).count()).toBe(0);
    await expect.poll(() => pendingCount(page)).toBeGreaterThan(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await device.setOffline(false);
    await waitUntilSynced(page);

    const stored = await server.store.getDocument('households', 'hh-okafor');
    expect(stored?.doc.messaging).toMatchObject({
      withdrawnHow: 'staff',
      withdrawnBy: lucia.id,
      withdrawnAt: expect.any(String),
    });
    expect(
      Date.parse(String((stored?.doc.messaging as { withdrawnAt: string }).withdrawnAt)),
    ).toBeGreaterThanOrEqual(start);

    // The reminder's time comes: nothing goes, and the queue says why.
    clock = start + 2 * DAY + 3_600_000;
    await dispatcher.tick();
    expect(
      (await server.store.messages.listLogged(undefined, 10)).filter((m) => m.to === '+254712345679'),
    ).toEqual([]);
    expect(await server.store.messages.listMessages({ householdId: 'hh-okafor', limit: 10 })).toMatchObject([
      { state: 'cancelled', failureReason: 'consent_withdrawn' },
    ]);
    expect(await rows.nth(0).getAttribute('data-state')).toBe('consent_withdrawn');
    await device.close();
  });

  it("a member's own number: their hearing's reminders go to it, in their language", async () => {
    const start = Date.now();
    let clock = start;
    const provider = new LogProvider({ info: () => undefined }, server.store.messages);
    const dispatcher = new MessageDispatcher({ store: server.store, provider, now: () => new Date(clock) });
    await seedFamily(server, {
      id: 'hh-haile',
      familyName: 'Haile',
      contactPhone: '+1 602 555 0190',
      members: [
        {
          id: 'p-selam',
          givenName: 'Selam',
          dateOfBirth: '1992-07-01',
          relationship: 'head',
          languages: ['sw'],
        },
        {
          id: 'p-dawit',
          givenName: 'Dawit',
          dateOfBirth: '2015-02-11',
          relationship: 'child',
          languages: ['sw'],
        },
      ],
      legs: [],
    });
    const seeded = new Date(start - 3_600_000).toISOString();
    await seedConsentAndMilestone(
      'hh-haile',
      seeded,
      { phone: '+254712345681', channel: 'sms', language: 'es' },
      {
        id: 'm-selam',
        personId: 'p-selam',
        kind: 'court_hearing',
        dueAt: new Date(start + 10 * DAY).toISOString(),
        place: 'Immigration Court, 250 N 7th Ave, Phoenix',
      },
    );

    const { device, page } = await openFamilyOnPhone('Haile');
    const section = page.getByRole('region', { name: 'Messages to the family' });
    const rows = section.getByTestId('family-message');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('To the family’s number');

    // Selam gives her own number and language.
    await section.getByRole('button', { name: 'Give a member their own number' }).click();
    await section.getByLabel('Phone number for messages').fill('+254 712 345 682');
    await section.getByLabel('Send by').selectOption('whatsapp');
    await section.getByLabel('Language of the messages').selectOption('sw');
    // Whose number it is, first: refused until a member is chosen, and nothing is saved.
    await section.getByRole('button', { name: 'Save consent' }).click();
    await section.getByRole('alert').getByText('Choose the member whose number this is.').waitFor();
    expect(await pendingCount(page)).toBe(0);
    await section.getByLabel('Member', { exact: true }).selectOption({ label: 'Selam Haile' });
    await section.getByRole('button', { name: 'Save consent' }).click();
    await section
      .getByTestId('member-consent')
      .getByText('Selam Haile: +254712345682 by WhatsApp, in Swahili')
      .waitFor();
    await expect.poll(() => rows.nth(0).innerText()).toContain('To Selam Haile’s own number');
    expect(await rows.nth(0).innerText()).toContain('Swahili');
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await waitUntilSynced(page);
    await expect
      .poll(async () => (await server.store.getDocument('people', 'p-selam'))?.doc.messaging, {
        timeout: 30_000,
      })
      .toMatchObject({ phone: '+254712345682', channel: 'whatsapp', language: 'sw' });

    clock = start + 3 * DAY + 3_600_000;
    await dispatcher.tick();
    const sent = (await server.store.messages.listLogged(undefined, 20)).filter((m) =>
      m.key.startsWith('m-selam:'),
    );
    expect(sent.map((m) => [m.to, m.channel])).toEqual([['+254712345682', 'whatsapp']]);
    expect(sent[0]?.body).toContain('Kumbusho');

    // In Arabic (right to left), at phone width, with the member's number shown and the form to add another open.
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const inArabic = page.getByRole('region', { name: 'الرسائل إلى الأسرة' });
    await inArabic.getByRole('button', { name: 'إعطاء أحد أفراد الأسرة رقمه الخاص' }).click();
    await inArabic.getByText(/^يتلقى الفرد الذي له رقم خاص/).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await device.close();
  });
});
