/**
 * Caller verification as a real gate, in Chromium (issue 16 item 4): three
 * wrong answers lock verification for the caller — still locked after a
 * reload and in the next call — and flag the call, which a case officer sees
 * flagged in the queue; the agent cannot override alone; a coordinator's
 * own password opens it and the audit names the coordinator; and the
 * agent's device never holds the family's date of birth, on screen or in
 * IndexedDB.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { deriveHousehold } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, signInAs, unlockWithPin, waitUntilSynced } from './appDriver';

const SITE = 'nairobi';
const DOB = '1985-07-21';
let browser: Browser;
let server: E2eServer;
let agent: E2eUser;
let officer: E2eUser;
let coordinator: E2eUser;

function meta(id: string) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  return { id, siteId: SITE, createdAt: at, updatedAt: at, updatedBy: 'seed', deviceId: 'seed' };
}

async function seed(): Promise<void> {
  const at = new Date().toISOString();
  agent = await seedUser(server, {
    username: 'agent.amina',
    password: 'agent password 1',
    roles: ['helpline_agent'],
    siteIds: [SITE],
    displayName: 'Amina',
  });
  officer = await seedUser(server, {
    username: 'officer.otieno',
    password: 'officer password 1',
    roles: ['case_officer'],
    siteIds: [SITE],
    displayName: 'Otieno',
  });
  coordinator = await seedUser(server, {
    username: 'coord.omar',
    password: 'coordinator password 1',
    roles: ['coordinator'],
    siteIds: [SITE],
    displayName: 'Omar Coordinator',
  });
  await server.store.transaction(async (tx) => {
    await tx.putUnit({
      id: 'resettlement',
      name: 'Resettlement',
      siteId: SITE,
      callbackHours: 72,
      createdAt: at,
      updatedAt: at,
    });
    const household = deriveHousehold({
      ...meta('hh-mwamba'),
      familyName: 'Mwamba',
      contactPhone: '+254712345678',
      arrivalDate: '2024-02-01',
      arrivalMode: 'walk_in' as const,
      needs: {
        food: false,
        shelter: false,
        clothing: false,
        hygiene: false,
        medicalScreening: false,
        legalOrientation: false,
      },
      destination: {},
      sponsor: {},
      consent: { dataSharing: true, photo: false },
      status: 'active' as const,
      nameKey: '',
    });
    await tx.putDocument('households', { ...household, _deleted: false }, SITE);
    for (const [id, givenName, dateOfBirth, relationship] of [
      ['p-esperance', 'Esperance', DOB, 'head'],
      ['p-jean', 'Jean', '2012-03-02', 'child'],
    ] as const) {
      const person = derivePerson({
        ...meta(id),
        householdId: 'hh-mwamba',
        givenName,
        familyName: 'Mwamba',
        dateOfBirth,
        sex: 'female' as const,
        relationship,
        languages: ['sw'],
        interpreterNeeded: false,
        nameKey: '',
        familyKey: '',
      });
      await tx.putDocument('people', { ...person, _deleted: false }, SITE);
    }
    await tx.putDocument(
      'sensitive',
      {
        ...meta('p-esperance'),
        subjectType: 'person',
        householdId: 'hh-mwamba',
        identifiers: [{ type: 'unhcr', value: 'KAK-20-123456' }],
        medicalFlags: [],
        _deleted: false,
      },
      SITE,
    );
  });
  await server.verifiers.settle();
}

async function answer(page: Page, dateOfBirth: string, identifier: string, size: string) {
  await page.getByLabel('Date of birth (caller or head of family)').fill(dateOfBirth);
  await page.getByLabel('Registration or ID number').fill(identifier);
  await page.getByLabel('How many people in the family?').fill(size);
  await page.getByRole('button', { name: 'Check answers' }).click();
}

async function startCall(desk: Page, summary: string) {
  await desk.getByRole('link', { name: 'Call desk' }).click();
  await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();
  await desk.getByLabel("Caller's language").selectOption('sw');
  await desk.getByLabel('Category').selectOption('resettlement');
  await desk.getByLabel('Summary').fill(summary);
  await desk.getByLabel('Find the family').fill('Mwamba');
  await desk.getByRole('button', { name: 'Link Mwamba' }).first().click();
}

async function override(desk: Page, username: string, password: string) {
  const open = desk.getByRole('button', { name: 'Supervisor override' });
  if (await open.isVisible()) await open.click();
  await desk.getByLabel("Supervisor's username").fill(username);
  await desk.getByLabel("Supervisor's password").fill(password);
  await desk.getByLabel('Reason for the override').fill('Caller lost her papers; the unit knows her.');
  await desk.getByRole('button', { name: 'Approve override and show details' }).click();
}

/** Every value in every IndexedDB store of the page's origin, as one text. */
async function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        parts.push(`${info.name}/${name}:${JSON.stringify(rows)}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  await seed();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('caller verification gate in Chromium', () => {
  it('locks after three wrong answers across a reload, flags the call, and opens only with a supervisor’s password', async () => {
    const desk = await (await newDevice(browser)).newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);

    await startCall(desk, 'Asks about the resettlement interview; cannot answer the questions.');
    await answer(desk, '21/07/1986', 'KAK20123456', '2');
    await desk.getByText(/2 attempts left/).waitFor();
    await answer(desk, '21/07/1985', 'KAK20000000', '2');
    await desk.getByText(/1 attempt left/).waitFor();
    await answer(desk, '21/07/1985', 'KAK20123456', '3');
    await desk
      .getByText(/Verification is locked for this caller until .* after 3 failed attempts\./)
      .waitFor();
    await desk.getByText('This call is flagged for a supervisor.', { exact: false }).waitFor();
    expect(await desk.getByRole('button', { name: 'Check answers' }).count()).toBe(0);
    expect(await desk.getByText('Esperance Mwamba').count()).toBe(0);

    // A reload does not reset the count: the new call for this caller is still locked.
    await desk.reload();
    await unlockWithPin(desk);
    await startCall(desk, 'Asks about the resettlement interview; cannot answer the questions.');
    await desk.getByText(/Verification is locked for this caller/).waitFor();
    expect(await desk.getByRole('button', { name: 'Check answers' }).count()).toBe(0);

    // The agent cannot approve their own override.
    await override(desk, agent.username, agent.password);
    await desk.getByText(/This person cannot approve an override/).waitFor();
    expect(await desk.getByText('Esperance Mwamba').count()).toBe(0);

    // The agent escalates the locked call: it reaches the queue flagged.
    await desk.keyboard.press('Alt+E');
    await desk.getByLabel('Unit', { exact: true }).selectOption('resettlement');
    await desk.keyboard.press('Alt+S');
    await desk.getByText('Call saved. Ready for the next call.').waitFor();
    await waitUntilSynced(desk);

    // The next call for this caller is locked from the saved call, and a coordinator's own password opens it.
    await startCall(desk, 'Calls again about the interview.');
    await desk.getByText(/Verification is locked for this caller/).waitFor();
    await override(desk, coordinator.username, 'not the password');
    await desk.getByText('Wrong username or password.').waitFor();
    await override(desk, coordinator.username, coordinator.password);
    await desk.getByText('Opened by supervisor override: Omar Coordinator.').waitFor();
    await desk.getByText(/Esperance Mwamba/).waitFor();
    // Verified or not, the agent's screen never shows the date of birth.
    expect(await desk.locator('body').innerText()).not.toMatch(/1985|21\/07|Jul 21/);

    const audit = await server.store.listAudit({ collection: 'calls', limit: 50 });
    const overrides = audit.filter((entry) => entry.action === 'helpline.verification_override');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatchObject({
      userId: coordinator.id,
      details: { agentId: agent.id, supervisorName: 'Omar Coordinator' },
    });
    const attempts = audit.filter((entry) => entry.action === 'helpline.verification_attempt');
    const numbered = attempts.map((entry) => {
      const details = (entry.details ?? {}) as { passed?: boolean; attempt?: number };
      return [details.passed, details.attempt];
    });
    expect(numbered).toEqual(
      expect.arrayContaining([
        [false, 1],
        [false, 2],
        [false, 3],
      ]),
    );

    // The family's page on the agent's device: members, no date of birth.
    await desk.goto(`${server.url}/households/hh-mwamba`);
    await unlockWithPin(desk);
    await desk
      .getByText(/Esperance/)
      .first()
      .waitFor();
    expect(await desk.locator('body').innerText()).not.toMatch(/1985|21\/07|Jul 21/);
    // Nor anywhere in the device's store.
    const stored = await indexedDbText(desk);
    expect(stored).toContain('Esperance');
    expect(stored).not.toContain(DOB);
    expect(stored).not.toContain('KAK-20-123456');

    // A case officer sees the locked call flagged in the queue.
    const queue = await (await newDevice(browser)).newPage();
    await openApp(queue, server.url);
    await signInAs(queue, server, officer);
    await queue.getByRole('link', { name: 'Call-back queue' }).click();
    // The queue is a table; each call is a row group (its row and, folded under it, its actions).
    const items = queue.getByRole('table', { name: 'Call-back queue' }).locator(':scope > tbody');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(1);
    await expect(items.nth(0).textContent()).resolves.toMatch(
      /Flagged for a supervisor: the caller failed verification\./,
    );

    // The coordinator's audit screen says it in words, under the coordinator's name.
    const office = await (await newDevice(browser)).newPage();
    await openApp(office, server.url);
    await signInAs(office, server, coordinator);
    await office.goto(`${server.url}/audit`);
    await unlockWithPin(office);
    await office.getByLabel('Person').selectOption({ label: 'Omar Coordinator' });
    await office.getByRole('button', { name: 'Apply' }).click();
    await office
      .getByText('Verification override approved by Omar Coordinator for Amina', { exact: false })
      .waitFor();
  });
});
