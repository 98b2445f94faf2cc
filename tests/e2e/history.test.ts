/**
 * A family's history read on a coordinator's device (issue 17): a volunteer
 * on a tablet she named "Front desk tablet 2" at PIN setup registers a
 * family and changes how they arrived and their phone; the coordinator's
 * history of that family says it in words — field labels, values through the
 * forms' words, no internal field names or raw keys, newest first by the
 * server's clock, and the tablet by the name it was given.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, registerFamily, signInAs, waitUntilSynced } from './appDriver';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;
let coordinator: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteer = await seedUser(server, { username: 'amina', password: 'correct horse 12', roles: ['volunteer'], displayName: 'Amina' });
  coordinator = await seedUser(server, { username: 'coord', password: 'correct horse 12', roles: ['coordinator'], displayName: 'Carmen' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('record history on a coordinator device', () => {
  it('shows labels and values in words, no internals, in time order, with the device’s given name', async () => {
    const tablet = await (await newDevice(browser)).newPage();
    await openApp(tablet, server.url);
    await signInAs(tablet, server, { ...volunteer, deviceName: 'Front desk tablet 2' });
    const householdId = await registerFamily(tablet, {
      familyName: 'Quispe',
      contactPhone: '+1 303 555 0100',
      members: [{ givenName: 'Rosa', familyName: 'Quispe', dateOfBirth: '1990-04-02', sex: 'female' }],
    });
    await waitUntilSynced(tablet);
    await tablet.getByRole('link', { name: 'Edit' }).click();
    await tablet.getByRole('heading', { level: 1, name: /^Edit the/ }).waitFor();
    await tablet.getByLabel('How they arrived').selectOption('detention_release');
    await tablet.getByLabel('Contact phone').fill('+1 303 555 0199');
    await tablet.getByRole('button', { name: 'Save' }).click();
    await tablet.waitForURL(new RegExp(`/households/${householdId}$`));
    await waitUntilSynced(tablet);

    const office = await (await newDevice(browser)).newPage();
    await openApp(office, server.url);
    await signInAs(office, server, coordinator);
    await office.getByRole('link', { name: 'Families', exact: true }).click();
    await office.getByRole('link', { name: /Quispe/ }).first().click({ timeout: 60_000 });
    await office.getByRole('link', { name: 'History' }).click();
    await office.getByRole('heading', { level: 1, name: 'Record history' }).waitFor();
    const entries = office.getByRole('list', { name: 'Record history' }).locator(':scope > li');
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    // Names come from the directory, fetched once the screen opens.
    await expect
      .poll(() => office.getByRole('list', { name: 'Record history' }).textContent(), { timeout: 30_000 })
      .toContain('by Amina on Front desk tablet 2');
    await screenshot(office, 'record-history');

    const text = (await office.getByRole('list', { name: 'Record history' }).textContent()) ?? '';
    expect(text).toContain('How they arrived: By bus → Released from detention');
    expect(text).toContain('Contact phone: +1 303 555 0100 → +1 303 555 0199');
    expect(text).toContain('Front desk tablet 2');
    for (const internal of ['_deleted', 'createdAt', 'updatedAt', 'nameKey', 'siteId', 'detention_release', 'arrivalMode', 'dev-']) {
      expect(text, internal).not.toContain(internal);
    }
    // Newest first (the coordinator's own opening of the record on top): the change above the
    // creation, and the times never go up.
    const kinds = await entries.locator('strong').allTextContents();
    expect(kinds.indexOf('Changed')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('Changed')).toBeLessThan(kinds.indexOf('Created'));
    expect(kinds.at(-1)).toBe('Created');
    const times = await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-at') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
  });
});
