/**
 * Call-back messages from the call desk (issue 20), in real Chromium at phone
 * width: a Somali caller asks for the promise by WhatsApp at escalation. The
 * desk says the messages would go in English (no Somali template yet);
 * without a number the request is refused with its reason and nothing is
 * saved; with one, the consent is on the call when it syncs, and the
 * server's dispatcher (log provider: nothing leaves the machine) sends the
 * promise to the caller's number in E.164, in English, marked as a fallback.
 * The case officer then records, offline, that the caller withdrew consent:
 * after sync the late note is never sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MESSAGES_OFF } from '../../src/domain/messaging';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import { LogProvider } from '../../sync-server/src/services/messaging/logProvider';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { hasHorizontalScroll, mainNavLink, openApp, rawTranslationKeys, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'nairobi';
let browser: Browser;
let server: E2eServer;
let agent: E2eUser;
let officer: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putSite({ id: SITE, name: 'Nairobi helpline', kind: 'helpline_office', createdAt: at, updatedAt: at });
    await tx.putUnit({ id: 'resettlement', name: 'Resettlement', siteId: SITE, callbackHours: 48, createdAt: at, updatedAt: at });
  });
  await server.store.messages.putSettings(
    SITE,
    { switches: { ...MESSAGES_OFF, callback_promise: true, callback_late: true }, templates: {}, timeZone: 'Africa/Nairobi', ratePerMinute: 30 },
    'seed',
    at,
  );
  agent = await seedUser(server, { username: 'agent.wanjiru', password: 'agent password 1', roles: ['helpline_agent'], siteIds: [SITE], displayName: 'Wanjiru' });
  officer = await seedUser(server, { username: 'officer.kamau', password: 'officer password 1', roles: ['case_officer'], siteIds: [SITE], displayName: 'Kamau' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('call-back messages asked for at the call desk', () => {
  it('records the caller’s consent on the call and the server sends the promise, in English where there is no template', async () => {
    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const desk = await device.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);
    await (await mainNavLink(desk, 'Call desk')).click();
    await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();
    await desk.getByLabel("Caller's language").selectOption('so');
    await desk.getByLabel('Category').selectOption('resettlement');
    await desk.getByLabel('Summary').fill('Asks about the resettlement interview.');
    await desk.keyboard.press('Alt+E');
    await desk.getByLabel('Unit', { exact: true }).selectOption('resettlement');

    const consent = desk.getByRole('group', { name: 'Messages to the caller' });
    await consent.getByRole('checkbox', { name: /The caller asks for the call-back promise by message/ }).check();
    await consent.getByLabel('Send by').selectOption('whatsapp');
    await consent.getByText('There is no message template in Somali yet: the messages will go in English.').waitFor();

    // No number: refused with the reason, nothing saved.
    await desk.getByRole('button', { name: 'Save call' }).click();
    await consent.getByText("Enter the caller's number with its country code to send messages.").waitFor();
    expect((await server.store.pull('calls', 0, 10)).documents).toEqual([]);

    await desk.getByLabel("Caller's phone").fill('0712 345 678');
    await consent.getByText(/^To \+254712345678, in Somali\.$/).waitFor();
    expect(await hasHorizontalScroll(desk)).toBe(false);
    expect(await rawTranslationKeys(desk)).toEqual([]);
    await desk.getByRole('button', { name: 'Save call' }).click();
    await waitUntilSynced(desk);

    await expect
      .poll(async () => (await server.store.pull('calls', 0, 10)).documents[0]?.doc.messaging, { timeout: 30_000 })
      .toMatchObject({ phone: '+254712345678', channel: 'whatsapp', language: 'so' });
    const callId = (await server.store.pull('calls', 0, 10)).documents[0]!.id;

    const dispatcher = new MessageDispatcher({
      store: server.store,
      provider: new LogProvider({ info: () => undefined }, server.store.messages),
      now: () => new Date(),
    });
    await dispatcher.tick();
    const logged = await server.store.messages.listLogged(undefined, 10);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ to: '+254712345678', channel: 'whatsapp' });
    expect(logged[0]?.body).toMatch(/^Helpline: we will call you back by .+ at .+\. Reply STOP to stop messages\.$/);
    const queued = await server.store.messages.listMessages({ householdId: callId, limit: 10 });
    expect(queued.find((m) => m.kind === 'callback_promise')).toMatchObject({ state: 'sent', language: 'en', fallback: true });
    expect(queued.find((m) => m.kind === 'callback_late')?.state).toBe('queued');
    await device.close();

    // The case officer sees, under the call in the queue, what was sent to the caller and in which language.
    const officerDevice = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const queue = await officerDevice.newPage();
    await openApp(queue, server.url);
    await signInAs(queue, server, officer);
    await (await mainNavLink(queue, 'Call-back queue')).click();
    const items = queue.getByRole('table', { name: 'Call-back queue' }).locator(':scope > tbody');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(1);
    await items.nth(0).getByText('Record a call-back or reassign').click();
    const listed = items.nth(0).getByTestId('caller-message');
    await expect.poll(() => listed.count(), { timeout: 30_000 }).toBe(2);
    expect(await listed.nth(0).innerText()).toMatch(/^Call-back promise · Sent · .+ · in English: no template in the recipient's language$/);
    expect(await listed.nth(1).innerText()).toMatch(/^Call-back late · Waiting to send · /);
    await items.nth(0).getByText(/^WhatsApp · To \+254712345678, in Somali\.$/).waitFor();
    expect(await hasHorizontalScroll(queue)).toBe(false);
    expect(await rawTranslationKeys(queue)).toEqual([]);

    // The caller asks, on the call-back, for no more messages: the officer records it, offline, and it syncs.
    await waitUntilSynced(queue);
    await officerDevice.setOffline(true);
    await items.nth(0).getByRole('button', { name: 'Withdraw consent to messages' }).click();
    await items.nth(0).getByTestId('caller-consent').getByText(/^Consent to messages withdrawn by staff \(Kamau\) on /).waitFor();
    await expect.poll(() => listed.nth(1).getAttribute('data-state')).toBe('consent_withdrawn');
    expect(await listed.nth(1).innerText()).toContain('Not to be sent: consent withdrawn');
    expect(await hasHorizontalScroll(queue)).toBe(false);
    await officerDevice.setOffline(false);
    await waitUntilSynced(queue);
    await expect
      .poll(async () => (await server.store.getDocument('calls', callId))?.doc.messaging, { timeout: 30_000 })
      .toMatchObject({ withdrawnHow: 'staff', withdrawnBy: officer.id, withdrawnAt: expect.any(String) });
    // The promised time passes with no call-back: the late note is not sent.
    const late = queued.find((m) => m.kind === 'callback_late')!;
    const after = new MessageDispatcher({
      store: server.store,
      provider: new LogProvider({ info: () => undefined }, server.store.messages),
      now: () => new Date(Date.parse(late.sendAt) + 60_000),
    });
    await after.tick();
    expect(await server.store.messages.listLogged(undefined, 10)).toHaveLength(1);
    expect((await server.store.messages.listMessages({ householdId: callId, limit: 10 })).find((m) => m.kind === 'callback_late')).toMatchObject({
      state: 'cancelled',
      failureReason: 'consent_withdrawn',
    });
    await officerDevice.close();
  });
});
