/**
 * Messages to families (issue 20) in real Chromium, on a phone-width screen:
 * a case worker records a family's consent (number and language), adds a
 * court hearing, and sees its two reminders scheduled in the family's
 * language; offline she cancels the 1-day reminder; after sync the server's
 * dispatcher (its clock moved by the test) sends the 7-day reminder in
 * Spanish, the family's page shows it sent, and the cancelled one is never
 * sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { hasHorizontalScroll, openApp, pendingCount, rawTranslationKeys, signInAs, waitUntilSynced } from './appDriver';
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
    members: [{ id: 'p-ana', givenName: 'Ana', dateOfBirth: '1990-05-02', relationship: 'head', languages: ['es'] }],
    legs: [],
  });
  await server.store.messages.putSettings(
    SITE,
    { switches: { ...MESSAGES_OFF, hearing: true, ice_checkin: true, departure: true }, templates: {}, timeZone: 'UTC', ratePerMinute: 30 },
    'seed',
    new Date().toISOString(),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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

    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, lucia);
    await waitUntilSynced(page);
    await page.getByRole('link', { name: /Ruiz Mendoza/ }).first().click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Ruiz Mendoza' }).waitFor({ timeout: 60_000 });

    const section = page.getByRole('region', { name: 'Messages to the family' });
    await section.getByText('No consent to messages recorded').waitFor();
    await section.getByRole('button', { name: 'Record consent to messages' }).click();
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
});
