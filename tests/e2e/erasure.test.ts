/**
 * A person's request in the browser (issue 21 item 3): a coordinator
 * downloads everything about a family as readable HTML and asks for its
 * erasure with a reason; the same coordinator cannot confirm it; a second
 * coordinator, on another device that holds the family, confirms; that
 * device then holds nothing of the family (its list and its IndexedDB), and
 * neither does the first.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { deviceHolds } from './deviceTraces';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { mainNavLink, openApp, registerFamily, signInAs, waitUntilSynced } from './appDriver';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a person’s request', () => {
  it('exports a family as HTML, and erases it once a second coordinator confirms; the other device drops it at sync', async () => {
    const first = await seedUser(server, { username: 'wanjiku', password: 'wanjiku-password-1', roles: ['coordinator'] });
    const second = await seedUser(server, { username: 'baraka', password: 'baraka-password-1', roles: ['coordinator'] });

    const office = await newDevice(browser);
    const page = await office.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, first);
    const householdId = await registerFamily(page, {
      familyName: 'Uwimana',
      members: [{ givenName: 'Aline', familyName: 'Uwimana', dateOfBirth: '1991-06-14' }],
    });
    await waitUntilSynced(page);

    const field = await newDevice(browser);
    const other = await field.newPage();
    await openApp(other, server.url);
    await signInAs(other, server, second);
    await (await mainNavLink(other, 'Families')).click();
    await other.getByText('Uwimana').first().waitFor({ timeout: 60_000 });
    expect(await deviceHolds(other, 'Uwimana')).toBe(true);

    // The first coordinator, still on the family's page → A person's request.
    await page.waitForURL(new RegExp(`/households/${householdId}$`));
    await page.getByRole('link', { name: "A person's request", exact: true }).click();
    await page.getByRole('heading', { level: 1, name: "A person's request: see or erase their data" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download everything (readable HTML)' }).click(),
    ]);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain('Uwimana');
    expect(html).toContain('1991-06-14');
    expect(html).toContain('Changes and reads (audit log)');

    const ask = page.getByRole('button', { name: 'Ask for erasure' });
    expect(await ask.isDisabled()).toBe(true);
    await page.getByLabel('Reason for the erasure').fill('Aline asked at the desk on 2 April, ticket 41');
    await ask.click();
    await page.getByRole('status').filter({ hasText: 'Another coordinator must confirm it' }).waitFor();
    await page.getByText('You asked for this erasure: another coordinator must confirm it.').waitFor();
    expect(await page.getByRole('button', { name: /Confirm erasure/ }).count()).toBe(0);

    // The second coordinator, on the other device, confirms.
    await (await mainNavLink(other, 'Requests')).click();
    await other.getByText('Reason: Aline asked at the desk on 2 April, ticket 41').waitFor();
    await other.getByRole('button', { name: /Confirm erasure of family/ }).click();
    await other.getByRole('status').filter({ hasText: 'Erased.' }).waitFor();

    // Both devices drop the family at their next sync: not in the list, nowhere in IndexedDB.
    await (await mainNavLink(other, 'Families')).click();
    await expect.poll(() => deviceHolds(other, 'Uwimana'), { timeout: 60_000 }).toBe(false);
    expect(await deviceHolds(other, 'Aline')).toBe(false);
    expect(await other.getByText('Uwimana').count()).toBe(0);
    await expect.poll(() => deviceHolds(page, 'Uwimana'), { timeout: 60_000 }).toBe(false);

    await page.setViewportSize({ width: 360, height: 740 });
    await (await mainNavLink(page, 'Requests')).click();
    await page.getByText(/erased/).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
    await office.close();
    await field.close();
  }, 240_000);

  it('erases one member, asked for beside her name: the family and the other member stay on both devices', async () => {
    const first = await seedUser(server, { username: 'amani', password: 'amani-password-1', roles: ['coordinator'] });
    const second = await seedUser(server, { username: 'zawadi', password: 'zawadi-password-1', roles: ['coordinator'] });

    const office = await newDevice(browser);
    const page = await office.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, first);
    const householdId = await registerFamily(page, {
      familyName: 'Habimana',
      members: [
        { givenName: 'Grace', familyName: 'Habimana', dateOfBirth: '1990-02-11' },
        { givenName: 'Eric', familyName: 'Habimana', dateOfBirth: '2015-08-30' },
      ],
    });
    await waitUntilSynced(page);

    const field = await newDevice(browser);
    const other = await field.newPage();
    await openApp(other, server.url);
    await signInAs(other, server, second);
    await waitUntilSynced(other);
    expect(await deviceHolds(other, 'Grace')).toBe(true);

    await page.waitForURL(new RegExp(`/households/${householdId}$`));
    await page.getByRole('link', { name: "A person's request about Grace Habimana" }).click();
    await page.getByRole('heading', { level: 2, name: /^Family member / }).waitFor();
    await page.getByLabel('Reason for the erasure').fill('Grace asked by letter on 3 April, ticket 52');
    await page.getByRole('button', { name: 'Ask for erasure' }).click();
    await page.getByRole('status').filter({ hasText: 'Another coordinator must confirm it' }).waitFor();

    await (await mainNavLink(other, 'Requests')).click();
    await other.getByText('Reason: Grace asked by letter on 3 April, ticket 52').waitFor();
    await other.getByRole('button', { name: /Confirm erasure of family member/ }).click();
    await other.getByRole('status').filter({ hasText: 'Erased.' }).waitFor();

    // Both devices drop her at their next sync, and keep the family and her son.
    await expect.poll(() => deviceHolds(other, 'Grace'), { timeout: 60_000 }).toBe(false);
    await expect.poll(() => deviceHolds(page, 'Grace'), { timeout: 60_000 }).toBe(false);
    expect(await deviceHolds(other, 'Eric')).toBe(true);
    expect(await deviceHolds(other, 'Habimana')).toBe(true);
    await (await mainNavLink(other, 'Families')).click();
    await other.getByRole('link', { name: /Habimana/ }).first().click();
    await other.getByRole('heading', { level: 3, name: /Eric Habimana/ }).waitFor();
    expect(await other.getByText('Grace').count()).toBe(0);
    await office.close();
    await field.close();
  }, 240_000);
});
