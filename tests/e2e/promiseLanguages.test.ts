/**
 * The call-back promise in the caller's language (issue 16 item 5), in real
 * Chromium: an administrator writes the Somali sentence (a template with
 * {{due}}; one without it is refused and nothing is stored); the agent's call
 * with a Somali caller then shows that sentence with the due time and the
 * site's time zone; a Spanish caller gets the interface's Spanish sentence;
 * a language nobody has translated yet gets the English one and says so.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { callbackDueFor, type OfficeHours } from '../../src/domain/callbackDue';
import { DEFAULT_HELPLINE_CONFIG } from '../../src/features/helpline/config';
import { launchChromium, newDevice } from './browser';
import { seedAdmin, seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import {
  hasHorizontalScroll,
  openAdministration,
  openApp,
  rawTranslationKeys,
  signInAs,
  waitUntilSynced,
  mainNavLink,
} from './appDriver';

const SITE = 'phoenix';
const PHOENIX: OfficeHours = { ...DEFAULT_HELPLINE_CONFIG.officeHours, timeZone: 'America/Phoenix' };
const SOMALI = 'Waan kuu soo wici doonaa ka hor {{due}}.';

let browser: Browser;
let server: E2eServer;
let admin: E2eUser;
let agent: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putSite({
      id: SITE,
      name: 'Phoenix helpline',
      kind: 'helpline_office',
      officeHours: PHOENIX,
      createdAt: at,
      updatedAt: at,
    });
    await tx.putUnit({
      id: 'resettlement',
      name: 'Resettlement',
      siteId: SITE,
      callbackHours: 2,
      callbackBasis: 'working_days',
      createdAt: at,
      updatedAt: at,
    });
  });
  admin = await seedAdmin(server, [SITE]);
  agent = await seedUser(server, {
    username: 'agent.abdi',
    password: 'agent password 1',
    roles: ['helpline_agent'],
    siteIds: [SITE],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the call-back promise in the caller’s language', () => {
  it('an admin’s Somali sentence reaches the call desk; Spanish comes from the interface; others say no translation exists', async () => {
    const office = await (await newDevice(browser)).newPage();
    await openAdministration(office, server, admin, 'sites');

    const form = office.getByRole('form', {
      name: 'Call-back promise in other languages at Phoenix helpline',
    });
    // Without the due time the sentence promises nothing: refused, nothing stored.
    await form.getByLabel('Somali').fill('Waan kuu soo wici doonaa.');
    await form.getByRole('button', { name: 'Save sentences' }).click();
    await form.getByRole('alert').getByText('Somali: put {{due}} where the call-back time goes').waitFor();
    expect((await server.store.getSite(SITE))?.promiseTemplates).toBeUndefined();
    // The box is marked, says why, and takes the focus.
    const somaliBox = form.getByLabel('Somali');
    expect(await somaliBox.getAttribute('aria-invalid')).toBe('true');
    expect(await somaliBox.evaluate((box) => box === document.activeElement)).toBe(true);
    const describedBy = (await somaliBox.getAttribute('aria-describedby')) ?? '';
    expect(await form.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toContain(
      'Somali: put {{due}} where the call-back time goes',
    );
    // A placeholder that does not exist is refused too.
    await form.getByLabel('Somali').fill('Waan kuu soo wici doonaa {{when}} {{due}}.');
    await form.getByRole('button', { name: 'Save sentences' }).click();
    await form.getByRole('alert').getByText('Somali: {{when}} is not a placeholder').waitFor();
    expect((await server.store.getSite(SITE))?.promiseTemplates).toBeUndefined();

    await form.getByLabel('Somali').fill(SOMALI);
    await form.getByRole('button', { name: 'Save sentences' }).click();
    await expect
      .poll(async () => (await server.store.getSite(SITE))?.promiseTemplates)
      .toEqual({ so: SOMALI });

    const deviceContext = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    const desk = await deviceContext.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);
    await (await mainNavLink(desk, 'Call desk')).click();
    await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();
    await desk.getByLabel("Caller's language").selectOption('so');
    await desk.getByLabel('Category').selectOption('resettlement');
    await desk.getByLabel('Summary').fill('Asks about the resettlement interview.');
    await desk.keyboard.press('Alt+E');
    const before = new Date();
    await desk.getByLabel('Unit', { exact: true }).selectOption('resettlement');
    const sentence = desk.locator('.callback-promise__text');
    await sentence.waitFor();
    const somali = (await sentence.textContent()) ?? '';
    const after = new Date();
    const dues = [before, after].map((at) =>
      callbackDueFor(at, { amount: 2, unit: 'working_days' }, PHOENIX),
    );
    // The time is formatted by the browser's own locale data for Somali (or English where it has none): compare the clock.
    expect(somali.startsWith('Waan kuu soo wici doonaa ka hor ')).toBe(true);
    expect(somali).toMatch(/ (MST|GMT-7) \(Phoenix\)\.$/);
    // The app's one formatter writes hours unpadded ("4:55"); a 24-hour locale writes "16:55".
    const clock = (due: Date, hour12: boolean) =>
      new Intl.DateTimeFormat('en-US', {
        hour: 'numeric',
        minute: '2-digit',
        hour12,
        timeZone: PHOENIX.timeZone,
      })
        .format(due)
        .replace(/\s?[AP]M$/, '');
    expect(
      dues.flatMap((due) => [clock(due, true), clock(due, false)]).some((time) => somali.includes(time)),
    ).toBe(true);
    expect(await sentence.getAttribute('lang')).toBe('so');
    expect(await desk.locator('.callback-promise').innerText()).not.toContain('No translation');
    expect(await hasHorizontalScroll(desk)).toBe(false);

    await desk.getByLabel("Caller's language").selectOption('es');
    await expect
      .poll(() => sentence.textContent())
      .toMatch(/^Le devolveremos la llamada a más tardar el .+\(Phoenix\)\.$/);
    expect(await sentence.getAttribute('lang')).toBe('es');

    // The offline desk keeps the sentence: it came with the directory, which the device keeps.
    await deviceContext.setOffline(true);
    await desk.getByLabel("Caller's language").selectOption('so');
    await expect.poll(() => sentence.textContent()).toMatch(/^Waan kuu soo wici doonaa ka hor /);

    await desk.getByLabel("Caller's language").selectOption('am');
    await expect.poll(() => sentence.textContent()).toMatch(/^We will call you back by .+\(Phoenix\)\.$/);
    await desk
      .locator('.callback-promise')
      .getByText(
        'No Amharic translation of this sentence exists yet: say it in English, or translate it as you speak.',
      )
      .waitFor();
    expect(await rawTranslationKeys(desk)).toEqual([]);
    await deviceContext.setOffline(false);
  });
});
