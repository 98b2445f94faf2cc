/**
 * Issue 14 on the call path: two case officers work the same escalated call
 * on two devices, both offline, each from the version they last saw. One
 * records "no answer, try again", the other reaches the caller. After both
 * sync, the call holds both call-backs (and is closed by the second), on the
 * server and on both devices: neither officer's work overwrote the other's.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { deriveCall } from '../../src/domain/calls';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openApp, signInAs, waitUntilSynced } from './appDriver';

const SITE = 'helpline-office';
let browser: Browser;
let server: E2eServer;
let officers: E2eUser[];

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const agent = await seedUser(server, { username: 'agent', password: 'agent password 1', roles: ['helpline_agent'], siteIds: [SITE] });
  officers = [
    await seedUser(server, { username: 'officer.a', password: 'officer password 1', roles: ['case_officer'], siteIds: [SITE] }),
    await seedUser(server, { username: 'officer.b', password: 'officer password 2', roles: ['case_officer'], siteIds: [SITE] }),
  ];
  await server.store.transaction(async (tx) => {
    await tx.putUnit({ id: 'protection', name: 'Protection', siteId: SITE, callbackHours: 48, createdAt: at, updatedAt: at });
    for (const officer of officers) {
      const record = await tx.getUserForUpdate(officer.id);
      if (!record) throw new Error('officer not stored');
      await tx.updateUser({ ...record, unitId: 'protection' });
    }
    const call = deriveCall({
      id: 'call-shared',
      siteId: SITE,
      createdAt: at,
      updatedAt: at,
      updatedBy: agent.id,
      deviceId: 'desk-1',
      startedAt: at,
      endedAt: at,
      agentId: agent.id,
      callerLanguage: 'ti',
      category: 'resettlement' as const,
      summary: 'Caller asks about a family tracing request.',
      verification: { attempts: {} },
      outcome: { kind: 'escalated' as const, unitId: 'protection', callbackDueAt: new Date(Date.now() + 86_400_000).toISOString() },
      callbacks: {},
      assignments: { first: { unitId: 'protection', at, by: agent.id } },
      verificationStatus: 'unverified' as const,
      status: 'open' as const,
      dueAt: '',
      assignedUnitId: '',
      assignedTo: '',
    });
    await tx.putDocument('calls', { ...call, _deleted: false }, SITE);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function queueOf(officer: E2eUser): Promise<{ page: Page; goOffline: (offline: boolean) => Promise<void> }> {
  const device = await newDevice(browser);
  const page = await device.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, officer);
  await page.getByRole('heading', { level: 1, name: 'Call-back queue' }).waitFor({ timeout: 30_000 });
  await page.locator('.queue-item', { hasText: 'family tracing request' }).waitFor({ timeout: 60_000 });
  await waitUntilSynced(page);
  return { page, goOffline: (offline) => device.setOffline(offline) };
}

async function record(page: Page, result: 'no_answer_retry' | 'reached', note: string): Promise<void> {
  const item = page.locator('.queue-item', { hasText: 'family tracing request' });
  await item.getByText('Record a call-back or reassign').click();
  await item.getByLabel('Call-back result').selectOption(result);
  await item.getByLabel('Note').fill(note);
  await item.getByRole('button', { name: 'Record call-back' }).click();
}

describe('two case officers on one call, offline', () => {
  it('both call-backs are kept: neither overwrites the other', async () => {
    const a = await queueOf(officers[0]!);
    const b = await queueOf(officers[1]!);
    await a.goOffline(true);
    await b.goOffline(true);
    await record(a.page, 'no_answer_retry', 'No answer at 10:00, voicemail full.');
    await record(b.page, 'reached', 'Reached the caller, tracing form explained.');
    await a.goOffline(false);
    await waitUntilSynced(a.page);
    await b.goOffline(false);
    await waitUntilSynced(b.page);
    await waitUntilSynced(a.page);

    const calls = (await server.store.pull('calls', 0, 100, [SITE])).documents.map((d) => d.doc);
    const call = calls.find((c) => c.id === 'call-shared')!;
    const callbacks = Object.values(call.callbacks as Record<string, { result: string; note?: string }>);
    expect(callbacks.map((c) => c.result).sort()).toEqual(['no_answer_retry', 'reached']);
    expect(call.status).toBe('closed');
    const conflicts = (await server.store.pull('conflicts', 0, 100, [SITE])).documents;
    expect(conflicts).toEqual([]);
    // Both officers' screens show the call closed, under Done with both call-backs.
    for (const page of [a.page, b.page]) {
      await page.getByLabel('Show', { exact: true }).selectOption('done');
      const done = page.locator('.queue-item', { hasText: 'family tracing request' });
      await done.getByText('voicemail full').first().waitFor({ timeout: 30_000 });
      await done.getByText('tracing form explained').first().waitFor({ timeout: 30_000 });
    }
  });
});
