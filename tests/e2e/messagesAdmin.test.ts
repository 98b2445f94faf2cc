/**
 * The Messages screen for an administrator (issue 20), in real Chromium at
 * phone width: a site's hearing reminders switched on; a Somali template with
 * a placeholder of another message refused on the page with the reason and
 * nothing saved, then a good one saved; once the server's dispatcher runs
 * (the log provider: nothing leaves the machine) the screen lists each
 * message with its state — sent in Somali from the new template, sent in
 * English for a family whose language has no template (and says so),
 * another waiting to send — with the text the log provider wrote.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import { LogProvider } from '../../sync-server/src/services/messaging/logProvider';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  hasHorizontalScroll,
  mainNavLink,
  openApp,
  rawTranslationKeys,
  signInAs,
  waitUntilSynced,
} from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let browser: Browser;
let server: E2eServer;
let admin: E2eUser;

async function withConsent(householdId: string, language: string, phone: string) {
  const stored = await server.store.getDocument('households', householdId);
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putDocument(
      'households',
      { ...stored!.doc, messaging: { phone, channel: 'sms', language, consentedAt: at }, updatedAt: at },
      SITE,
    );
  });
}

async function hearing(id: string, householdId: string, inMs: number) {
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putDocument(
      'milestones',
      {
        id,
        siteId: SITE,
        createdAt: at,
        updatedAt: at,
        updatedBy: 'seed',
        deviceId: 'seed',
        _deleted: false,
        householdId,
        kind: 'court_hearing',
        dueAt: new Date(Date.now() + inMs).toISOString(),
        place: 'Immigration Court, 250 N 7th Ave, Phoenix',
        status: 'upcoming',
      },
      SITE,
    );
  });
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  admin = await seedUser(server, {
    username: 'admin.amal',
    password: 'admin password 1',
    roles: ['admin'],
    siteIds: [SITE],
  });
  await seedFamily(server, {
    id: 'hh-warsame',
    familyName: 'Warsame',
    contactPhone: '+1 602 555 0150',
    members: [
      {
        id: 'p-hodan',
        givenName: 'Hodan',
        dateOfBirth: '1988-01-09',
        relationship: 'head',
        languages: ['so'],
      },
    ],
    legs: [],
  });
  await seedFamily(server, {
    id: 'hh-tesfay',
    familyName: 'Tesfay',
    contactPhone: '+1 602 555 0151',
    members: [
      {
        id: 'p-selam',
        givenName: 'Selam',
        dateOfBirth: '1992-03-04',
        relationship: 'head',
        languages: ['ti'],
      },
    ],
    legs: [],
  });
  await withConsent('hh-warsame', 'so', '+254712345601');
  await withConsent('hh-tesfay', 'ti', '+254712345602');
  await hearing('ms-warsame', 'hh-warsame', 20 * HOUR);
  await hearing('ms-warsame-later', 'hh-warsame', 10 * DAY);
  await hearing('ms-tesfay', 'hh-tesfay', 20 * HOUR);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Messages screen of an administrator', () => {
  it('switches a kind on, refuses a bad template with its reason, and lists the messages with their state and text', async () => {
    const dispatcher = new MessageDispatcher({
      store: server.store,
      provider: new LogProvider({ info: () => undefined }, server.store.messages),
      now: () => new Date(),
    });
    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, admin);
    await waitUntilSynced(page);
    await (await mainNavLink(page, 'Messages')).click();
    await page.getByRole('heading', { level: 1, name: 'Messages to families' }).waitFor();
    const recent = page.getByRole('region', { name: 'Recent messages' });
    await recent.getByText('No messages yet.').waitFor();
    await recent.getByText('Nothing is sent: this server uses the log provider').waitFor();

    const form = page.getByRole('form', { name: `Settings of site ${SITE}` });
    // A time zone that does not exist and no rate: each refused with why on its box, nothing saved.
    const zone = form.getByLabel('Time zone of dates and times in messages');
    const rate = form.getByLabel('Most messages a minute');
    await zone.fill('Mars/Olympus_Mons');
    await rate.fill('0');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('The time zone is not known (use a name such as Africa/Nairobi).').waitFor();
    await form.getByText('Write a whole number from 1 to 600.').waitFor();
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await rate.getAttribute('aria-invalid')).toBe('true');
    expect(await server.store.messages.getSettings(SITE)).toBeUndefined();
    await zone.fill('America/Phoenix');
    await rate.fill('30');

    await form.getByRole('checkbox', { name: 'Court hearings' }).check();
    await form.getByRole('combobox', { name: 'Message' }).selectOption('hearing');
    await form.getByRole('textbox', { name: 'Language code' }).fill('so');
    // {{station}} belongs to departures, and {{place}} is missing: refused on the page, Save stays off, nothing saved.
    await form
      .getByRole('textbox', { name: 'Template' })
      .fill('Xasuusin: dhageysigaaga maxkamadda {{date}} saacadda {{time}}, {{station}}.');
    const problem = form.getByRole('alert');
    await problem.getByText('Not a placeholder of this message: {{station}}').waitFor();
    expect(await problem.innerText()).toContain('Missing: {{place}}');
    expect(await form.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await server.store.messages.getSettings(SITE)).toBeUndefined();

    await form
      .getByRole('textbox', { name: 'Template' })
      .fill('Xasuusin: dhageysigaaga maxkamadda waa {{date}} saacadda {{time}}, {{place}}. Soo hor imow.');
    expect(await form.getByRole('alert').count()).toBe(0);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByRole('status').getByText('Settings saved.').waitFor();
    const saved = await server.store.messages.getSettings(SITE);
    expect(saved?.switches).toMatchObject({
      hearing: true,
      ice_checkin: false,
      departure: false,
      callback_promise: false,
    });
    expect(saved?.templates.hearing?.so).toContain('{{place}}');

    // The server's dispatcher schedules and sends what is due (the log provider writes it, sends nothing).
    await dispatcher.tick();
    // Away and back: the screen reads the list again.
    await (await mainNavLink(page, 'Audit log')).click();
    await page
      .getByRole('heading', { level: 1, name: 'Messages to families' })
      .waitFor({ state: 'detached' });
    await (await mainNavLink(page, 'Messages')).click();
    await page.getByRole('heading', { level: 1, name: 'Messages to families' }).waitFor();
    const rows = page.getByRole('region', { name: 'Recent messages' }).getByTestId('recent-message');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    const sentSomali = rows.filter({ hasText: 'Xasuusin: dhageysigaaga maxkamadda' });
    expect(await sentSomali.getAttribute('data-state')).toBe('sent');
    expect(await sentSomali.innerText()).toContain('Sent');
    expect(await sentSomali.innerText()).toContain('Immigration Court, 250 N 7th Ave, Phoenix');
    const sentEnglish = rows.filter({ hasText: 'Reminder: your court hearing' });
    expect(await sentEnglish.getAttribute('data-state')).toBe('sent');
    expect(await sentEnglish.innerText()).toContain("in English: no template in the recipient's language");
    const waiting = page.locator('[data-testid="recent-message"][data-state="queued"]');
    expect(await waiting.count()).toBe(2);
    expect(await waiting.first().innerText()).toContain('Waiting to send');

    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await device.close();
  });
});
