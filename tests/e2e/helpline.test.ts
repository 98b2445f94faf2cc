/**
 * The helpline in real Chromium: an agent logs a call in Swahili, fails then
 * passes caller verification, escalates to resettlement and sees the
 * call-back promise in Swahili; a case officer on another device finds it in
 * the queue after an older overdue escalation, and records that the caller
 * was reached — which reaches the server and closes the call.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { deriveHousehold } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';
import { deriveCall } from '../../src/domain/calls';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { mainNavLink, openApp, pendingCount, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'nairobi';
let browser: Browser;
let server: E2eServer;
let agent: E2eUser;
let officer: E2eUser;

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
  });
  officer = await seedUser(server, {
    username: 'officer.otieno',
    password: 'officer password 1',
    roles: ['case_officer'],
    siteIds: [SITE],
    displayName: 'Otieno',
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
    const record = await tx.getUserForUpdate(officer.id);
    if (!record) throw new Error('officer not stored');
    await tx.updateUser({ ...record, unitId: 'resettlement' });
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
      ['p-esperance', 'Esperance', '1985-07-21', 'head'],
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
    // An older escalation whose call-back is already overdue.
    const older = deriveCall({
      ...meta('call-overdue'),
      startedAt: '2025-05-12T06:00:00.000Z',
      endedAt: '2025-05-12T06:04:00.000Z',
      agentId: agent.id,
      callerLanguage: 'so',
      category: 'resettlement' as const,
      summary: 'Older caller: asks for the outcome of the resettlement interview.',
      verification: { attempts: {} },
      outcome: {
        kind: 'escalated' as const,
        unitId: 'resettlement',
        callbackDueAt: '2025-05-14T09:00:00.000Z',
      },
      callbacks: {},
      assignments: { first: { unitId: 'resettlement', at: '2025-05-12T06:04:00.000Z', by: agent.id } },
      verificationStatus: 'unverified' as const,
      status: 'open' as const,
      dueAt: '',
      assignedUnitId: '',
      assignedTo: '',
    });
    await tx.putDocument('calls', { ...older, _deleted: false }, SITE);
  });
  // Stored around a push: the server derives their verifiers as it does after one.
  await server.verifiers.settle();
}

async function answer(page: Page, dateOfBirth: string, identifier: string, size: string) {
  await page.getByLabel('Date of birth (caller or head of family)').fill(dateOfBirth);
  await page.getByLabel('Registration or ID number').fill(identifier);
  await page.getByLabel('How many people in the family?').fill(size);
  await page.getByRole('button', { name: 'Check answers' }).click();
}

/** What a screen reader says of a control beside its label: the texts its aria-describedby names. */
function description(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );
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

describe('helpline in Chromium', () => {
  it('agent escalates a verified Swahili call; the case officer sees it after the overdue one and records the caller reached', async () => {
    const agentDevice = await newDevice(browser);
    const desk = await agentDevice.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);
    await (await mainNavLink(desk, 'Call desk')).click();
    await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();

    await desk.getByLabel("Caller's phone").fill('0712 345678');
    await desk.getByText('Will be saved as +254 712 345678').waitFor();
    await desk.getByLabel("Caller's language").selectOption('sw');
    await desk.getByLabel('Category').selectOption('resettlement');
    await desk.getByLabel('Summary').fill('Asks when the resettlement interview will be scheduled.');

    await desk.getByLabel('Find the family').fill('Mwamba');
    await desk.getByRole('button', { name: 'Link Mwamba' }).first().click();
    await answer(desk, '21/07/1986', 'KAK20123456', '2');
    await desk.getByText('The answers do not match the record.').waitFor();
    expect(await desk.getByText('Esperance Mwamba').count()).toBe(0);
    await answer(desk, '21/07/1985', 'kak-20-123456', '2');
    await desk.getByText('Caller verified.').waitFor();
    await desk.getByText(/Esperance Mwamba/).waitFor();

    await desk.keyboard.press('Alt+E');
    await desk.getByLabel('Unit', { exact: true }).selectOption('resettlement');
    // The promise to say, in the caller's language (Swahili is an interface language).
    await desk.getByText(/^Tutakupigia tena kabla ya/).waitFor();
    await desk.keyboard.press('Alt+S');
    await desk.getByText('Call saved. Ready for the next call.').waitFor();
    await waitUntilSynced(desk);

    const officerDevice = await newDevice(browser);
    const queue = await officerDevice.newPage();
    await openApp(queue, server.url);
    await signInAs(queue, server, officer);
    await (await mainNavLink(queue, 'Call-back queue')).click();
    // The queue is a table; each call is a row group (its row and, folded under it, its actions).
    const items = queue.getByRole('table', { name: 'Call-back queue' }).locator(':scope > tbody');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(2);
    await expect(items.nth(0).textContent()).resolves.toMatch(/Older caller.*Overdue\./s);
    const ours = items.nth(1);
    await expect(ours.textContent()).resolves.toMatch(/resettlement interview will be scheduled/);
    await expect(ours.textContent()).resolves.not.toMatch(/Overdue/);
    await ours.getByText('Record a call-back or reassign').click();
    await ours.getByLabel('Call-back result').selectOption('reached');
    await ours.getByLabel('Note').fill('Told the caller the interview date.');
    await ours.getByRole('button', { name: 'Record call-back' }).click();
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(1);
    await waitUntilSynced(queue);

    const calls = (await server.store.pull('calls', 0, 100, [SITE])).documents.map((d) => d.doc);
    const logged = calls.find((c) => c.id !== 'call-overdue');
    expect(logged).toMatchObject({
      callerLanguage: 'sw',
      callerPhone: '+254712345678',
      householdId: 'hh-mwamba',
      verificationStatus: 'passed',
      status: 'closed',
      assignedUnitId: 'resettlement',
      outcome: { kind: 'escalated', unitId: 'resettlement' },
    });
    const attempts = Object.values(
      (logged?.verification as { attempts: Record<string, { passed: boolean }> }).attempts,
    );
    expect(attempts.map((a) => a.passed).sort()).toEqual([false, true]);
    const audit = await server.store.listAudit({ collection: 'calls', limit: 50 });
    expect(audit.filter((e) => e.action === 'helpline.verification_attempt')).toHaveLength(2);
  });

  it('refuses a call with answers missing or wrong, says why beside each field, and saves nothing', async () => {
    const storedCalls = async () => (await server.store.pull('calls', 0, 100, [SITE])).documents.length;
    const device = await newDevice(browser);
    const desk = await device.newPage();
    await openApp(desk, server.url);
    await signInAs(desk, server, agent);
    await waitUntilSynced(desk);
    const before = await storedCalls();
    await (await mainNavLink(desk, 'Call desk')).click();
    await desk.getByRole('heading', { level: 1, name: 'New call' }).waitFor();
    const save = desk.getByRole('button', { name: 'Save call' });

    // Nothing filled in: the number may be withheld, but the language, category and summary are needed.
    await save.click();
    for (const label of ["Caller's language", 'Category', 'Summary']) {
      const control = desk.getByLabel(label, { exact: true });
      await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
      expect(await description(control)).toContain('Required.');
    }
    expect(await desk.getByLabel("Caller's phone").getAttribute('aria-invalid')).toBeNull();

    // A number that cannot be called back, a summary over its limit, an escalation with no unit, and messages
    // asked for without a number that can receive them.
    await desk.getByLabel("Caller's phone").fill('12');
    await desk.getByLabel("Caller's language").selectOption('sw');
    await desk.getByLabel('Category').selectOption('resettlement');
    await desk.getByLabel('Summary').fill('Asks again about the interview. '.repeat(10));
    await desk.getByLabel('Escalate to a unit').check();
    await desk.getByLabel(/asks for the call-back promise by message/).check();
    await save.click();
    await expect
      .poll(() => description(desk.getByLabel("Caller's phone")))
      .toContain('This is not a phone number we can call back.');
    expect(await description(desk.getByLabel('Summary'))).toContain('Too long: at most 280 characters.');
    expect(await desk.getByLabel("Caller's language").getAttribute('aria-invalid')).toBeNull();
    await desk.getByText('Choose the unit to escalate to.').waitFor();
    await desk.getByText("Enter the caller's number with its country code to send messages.").waitFor();

    // Nothing was saved: the form is still open with what was typed, and the server has no new call.
    expect(await desk.getByText('Call saved. Ready for the next call.').count()).toBe(0);
    expect(await desk.getByLabel("Caller's phone").inputValue()).toBe('12');
    expect(await pendingCount(desk)).toBe(0);
    await waitUntilSynced(desk);
    expect(await storedCalls()).toBe(before);
  });
});
