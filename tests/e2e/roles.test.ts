/**
 * Each role's day on the demo data (issue 16), as a new user walks it: the
 * role lands on its own work, the nav offers only its screens, and every
 * screen renders the records the role receives — no page error, no raw
 * translation key. The driver is on a phone (360 px).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { hasHorizontalScroll, mainNavLink, openApp, rawTranslationKeys, signInAs, waitUntilSynced } from './appDriver';
import { startDemoServer } from './demoServer';
import type { E2eServer } from './server';
import type { TravelLeg } from '../../src/domain/travel';
import type { Call } from '../../src/domain/calls';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startDemoServer(inject('appDir'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh device signed in with the role's demo account; page errors are collected, not lost. */
async function signIn(role: string, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await newDevice(browser, viewport ? { viewport } : {});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page, server.url);
  await signInAs(page, server, { username: role, password: `${role}-demo` });
  return { page, errors };
}

/** The main navigation's links; on a phone they are behind "Menu", which is left open. */
async function navLinks(page: Page): Promise<string[]> {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  return (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((s) => s.trim());
}

describe("the driver's day on a phone (360 px)", () => {
  it('lands on the day, opens a family from it without a crash, and undoes a status tap', async () => {
    const { page, errors } = await signIn('driver', { width: 360, height: 740 });

    // Lands on the day's departures, not on a families list with a "Register a family" it cannot use.
    await page.getByRole('heading', { level: 1, name: "Today's pick-ups" }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/driver');
    const links = await navLinks(page);
    expect(links).toContain("Driver's day");
    expect(links).not.toContain('Register a family');
    expect(await page.getByRole('link', { name: 'Register a family' }).count()).toBe(0);

    const firstLeg = page.locator('.driver-leg').first();
    await firstLeg.waitFor({ timeout: 60_000 });
    // No destination repeated ("New York, NY, New York") and no "None" for a missing phone.
    for (const destination of await page.locator('.driver-leg__destination').allTextContents()) {
      const parts = destination.split(',').map((part) => part.trim().toLowerCase());
      expect(new Set(parts).size, destination).toBe(parts.length);
    }
    const phones = await page.locator('.driver-leg__phone').allTextContents();
    expect(phones.every((phone) => /\d/.test(phone))).toBe(true);
    expect(await rawTranslationKeys(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);

    // Another day is headed by its date, not "Today".
    const today = await page.getByLabel('Day').inputValue();
    const tomorrow = new Date(`${today}T12:00:00`);
    tomorrow.setDate(tomorrow.getDate() + 1);
    const tomorrowIso = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Day').fill(tomorrowIso);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).not.toContain('Today');
    expect(await heading.textContent()).toMatch(/Pick-ups on /);
    await page.getByLabel('Day').fill(today);
    await page.getByRole('heading', { level: 1, name: "Today's pick-ups" }).waitFor();

    // On tomorrow's list, whose pick-ups are all still ahead at any hour (by evening every one of today's
    // demo legs may have left, boarded or not), a no-show offers no "Mark picked up"; Undo writes the
    // earlier status back, and it syncs.
    await page.getByLabel('Day').fill(tomorrowIso);
    await expect.poll(() => heading.textContent()).toMatch(/Pick-ups on /);
    const leg = page.locator('.driver-leg', { has: page.getByRole('button', { name: 'No-show' }) }).first();
    const legId = await leg.getAttribute('data-leg-id');
    expect(legId).toBeTruthy();
    const before = (await server.store.getDocument('travelLegs', legId!))?.doc as TravelLeg | undefined;
    expect(before).toBeDefined();
    const card = page.locator(`.driver-leg[data-leg-id="${legId}"]`);
    await card.getByRole('button', { name: 'No-show' }).click();
    await card.locator('.status-badge', { hasText: 'No-show' }).waitFor();
    expect(await card.getByRole('button', { name: 'Mark picked up' }).count()).toBe(0);
    await waitUntilSynced(page);
    await expect.poll(async () => (await server.store.getDocument('travelLegs', legId!))?.doc.status, { timeout: 30_000 }).toBe('no_show');
    await page.getByRole('button', { name: 'Undo' }).click();
    await card.locator('.status-badge', { hasText: /^(Planned|Ticketed)$/ }).waitFor();
    await waitUntilSynced(page);
    await expect
      .poll(async () => (await server.store.getDocument('travelLegs', legId!))?.doc.status, { timeout: 30_000 })
      .toBe(before!.status);
    await screenshot(page, 'roles-driver-day-360');

    // Opening the family from the day list shows what a driver holds of it, not a white page.
    const familyName = (await card.locator('.driver-leg__family').textContent())?.trim() ?? '';
    await card.getByRole('link', { name: familyName }).click();
    await page.getByRole('heading', { level: 1, name: familyName }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await rawTranslationKeys(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'roles-driver-family-360');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /pick-ups/i }).waitFor();

    // The families list, if the driver opens it, reads no raw key and no "0 people".
    await (await mainNavLink(page, 'Families')).click();
    await page.locator('.household-card').first().waitFor({ timeout: 30_000 });
    const rows = await page.locator('.household-card').allTextContents();
    expect(rows.join('\n')).not.toMatch(/0 people|arrivalMode|undefined/);
    expect(await rawTranslationKeys(page)).toEqual([]);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("the case officer's queue", () => {
  it('lands on the queue, confirms a recorded call-back and keeps the call under Done with its history', async () => {
    const { page, errors } = await signIn('case_officer');
    await page.getByRole('heading', { level: 1, name: 'Call-back queue' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/queue');
    expect(await navLinks(page)).not.toContain('Register a family');

    const item = page.locator('.queue-item').first();
    await item.waitFor({ timeout: 60_000 });
    // Demo summaries repeat: count the cards with this one before and after.
    const summary = ((await item.locator('.queue-item__summary').textContent()) ?? '').trim();
    const sameSummary = page.locator('.queue-item', { hasText: summary });
    const before = await sameSummary.count();
    await item.getByText('Record a call-back or reassign').click();
    await item.getByLabel('Call-back result').selectOption({ label: 'Caller reached' });
    await item.getByLabel('Note').fill('Interview date given');
    await item.getByRole('button', { name: 'Record call-back' }).click();

    // Confirmed in words, though the call has left the open queue.
    const confirmation = page.getByRole('status').filter({ hasText: 'Call-back recorded for' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain(`Call-back recorded for “${summary}”: Caller reached.`);
    expect(await confirmation.textContent()).toContain('The call is closed and is listed under Done.');
    await expect.poll(() => sameSummary.count()).toBe(before - 1);

    await page.getByRole('button', { name: 'Show done calls' }).click();
    // The view is in the address, so Back and reload keep it.
    await expect.poll(() => new URL(page.url()).searchParams.get('show')).toBe('done');
    const done = page.getByRole('table', { name: 'Done (closed by a call-back)' });
    const doneCall = done.locator('.queue-item', { hasText: 'Interview date given' });
    await doneCall.waitFor({ timeout: 30_000 });
    expect(await doneCall.count()).toBe(1);
    expect(await doneCall.textContent()).toContain(summary);
    expect(await doneCall.textContent()).toMatch(/Caller reached on .*, by Daudi Kiprono — Interview date given/);
    expect(await rawTranslationKeys(page)).toEqual([]);

    await waitUntilSynced(page);
    const calls = (await server.store.pull('calls', 0, 1000, ['helpline-office'])).documents.map((d) => d.doc as unknown as Call);
    await expect
      .poll(async () => {
        const all = (await server.store.pull('calls', 0, 1000, ['helpline-office'])).documents.map((d) => d.doc as unknown as Call);
        return all.find((call) => JSON.stringify(call.callbacks).includes('Interview date given'))?.status;
      }, { timeout: 30_000 })
      .toBe('closed');
    expect(calls.length).toBeGreaterThan(0);
    await screenshot(page, 'roles-case-officer-done');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("the helpline agent's call desk", () => {
  it('lands on the call desk, and families with one name are told apart', async () => {
    const { page, errors } = await signIn('helpline_agent');
    await page.getByRole('heading', { level: 1, name: 'New call' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/helpline');
    expect(await navLinks(page)).not.toContain('Register a family');

    // The family name most households share on the helpline's site.
    const { documents } = await server.store.pull('households', 0, 1000, ['helpline-office']);
    const counts = new Map<string, number>();
    for (const { doc } of documents) counts.set(String(doc.familyName), (counts.get(String(doc.familyName)) ?? 0) + 1);
    const [familyName, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(1);

    const search = page.getByLabel('Find the family');
    const found = page.getByRole('list', { name: 'Families found' }).getByRole('button');
    await expect
      .poll(
        async () => {
          await search.fill('');
          await search.fill(familyName);
          return found.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(1);
    const labels = (await found.allTextContents()).map((label) => label.trim());
    // Each button says what sets the family apart: size, arrival, phone's last digits.
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/\d+ (person|people)/);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'roles-helpline-search');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the other roles land on their own work', () => {
  it('volunteer and case worker: the families, with Register; coordinator: the dashboard', async () => {
    for (const role of ['volunteer', 'caseworker']) {
      const { page, errors } = await signIn(role);
      await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('link', { name: 'Register a family' }).count()).toBeGreaterThan(0);
      await page.locator('.household-card').first().waitFor({ timeout: 60_000 });
      expect(await rawTranslationKeys(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const { page, errors } = await signIn('coordinator');
    await page.locator('.report-actions').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    // The families list is still one tap away, at its own address.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/households');
    expect(await rawTranslationKeys(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
