/**
 * GET /api/audit over real HTTP: the filters the audit screen offers (person,
 * action, record, date range) are applied by the server, a bad filter is a
 * clear 400, and a "change" entry carries the fields it changed.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../sync-server/src/store/types';
import { authFetch, createUser, readJson, serversClosedAfterEach, type TestServer } from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

async function seed(s: TestServer) {
  await s.store.transaction(async (tx) => {
    const base = { deviceId: 'desk-1', siteId: 'site-a' };
    await tx.appendAudit({
      ...base,
      at: '2026-11-30T10:00:00.000Z',
      userId: 'u-ana',
      action: 'create',
      collection: 'households',
      recordId: 'h1',
    });
    await tx.appendAudit({
      ...base,
      at: '2026-12-02T09:00:00.000Z',
      userId: 'u-ana',
      action: 'change',
      collection: 'households',
      recordId: 'h1',
      details: { contactPhone: ['+1 602 555 0100', '+1 602 555 0199'], notes: [null, 'Needs a ride'] },
    });
    await tx.appendAudit({
      ...base,
      at: '2026-12-03T12:00:00.000Z',
      userId: 'u-ben',
      action: 'helpline.verification_attempt',
      collection: 'calls',
      recordId: 'call-1',
      details: { householdId: 'h1', passed: false, questionIds: ['dateOfBirth'] },
    });
    await tx.appendAudit({
      ...base,
      at: '2026-12-05T08:00:00.000Z',
      userId: 'u-ben',
      action: 'change',
      collection: 'households',
      recordId: 'h2',
      details: { familyName: ['Okafor', 'Okafo'] },
    });
  });
}

async function query(s: TestServer, params: string) {
  return readJson<{ entries: AuditEntry[] }>(await authFetch(s, `/api/audit?${params}`));
}

describe('the audit log query', () => {
  it('filters by person, action, record and date range on the server', async () => {
    server = await startServer();
    await seed(server);

    expect((await query(server, 'userId=u-ben')).body.entries.map((e) => e.recordId)).toEqual([
      'h2',
      'call-1',
    ]);
    expect((await query(server, 'action=change')).body.entries.map((e) => e.recordId)).toEqual(['h2', 'h1']);
    expect((await query(server, 'recordId=h1')).body.entries.map((e) => e.action)).toEqual([
      'change',
      'create',
    ]);
    // Dates are whole days, both ends included.
    const range = await query(server, 'from=2026-12-02&to=2026-12-03');
    expect(range.status).toBe(200);
    expect(range.body.entries.map((e) => e.action)).toEqual(['helpline.verification_attempt', 'change']);
    const combined = await query(server, 'action=change&userId=u-ana&from=2026-12-01');
    expect(combined.body.entries).toHaveLength(1);
    // A "Changed" entry says which fields changed, from what to what.
    expect(combined.body.entries[0]?.details).toEqual({
      contactPhone: ['+1 602 555 0100', '+1 602 555 0199'],
      notes: [null, 'Needs a ride'],
    });
    // Unfiltered: the latest entries, newest first.
    expect((await query(server, '')).body.entries[0]?.recordId).toBe('h2');
  });

  it("reads the days of the range in the person's time zone, midnight to midnight there", async () => {
    server = await startServer();
    await server.store.transaction(async (tx) => {
      const base = { deviceId: 'desk-1', siteId: 'site-a', userId: 'u-ana', action: 'create', collection: 'households' };
      // El Paso (America/Denver, UTC−7 in December): local midnight of Dec 2 is 07:00 UTC.
      await tx.appendAudit({ ...base, at: '2026-12-02T06:59:59.999Z', recordId: 'dec-1-late-evening' });
      await tx.appendAudit({ ...base, at: '2026-12-02T07:00:00.000Z', recordId: 'dec-2-midnight' });
      await tx.appendAudit({ ...base, at: '2026-12-03T06:59:59.999Z', recordId: 'dec-2-last-moment' });
      await tx.appendAudit({ ...base, at: '2026-12-03T07:00:00.000Z', recordId: 'dec-3-midnight' });
    });
    const ids = async (params: string) => (await query(server, params)).body.entries.map((e) => e.recordId).sort();

    expect(await ids('from=2026-12-02&to=2026-12-02&timeZone=America%2FDenver')).toEqual([
      'dec-2-last-moment',
      'dec-2-midnight',
    ]);
    expect(await ids('to=2026-12-01&timeZone=America%2FDenver')).toEqual(['dec-1-late-evening']);
    expect(await ids('from=2026-12-03&timeZone=America%2FDenver')).toEqual(['dec-3-midnight']);
    // Without a zone the days are UTC days, as before.
    expect(await ids('from=2026-12-02&to=2026-12-02')).toEqual(['dec-1-late-evening', 'dec-2-midnight']);
    // A zone that does not exist is a clear 400, not a silent UTC.
    const bad = await readJson<{ error: string }>(await authFetch(server, '/api/audit?from=2026-12-02&timeZone=Mars%2FOlympus'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_query');
  });

  it('refuses a bad filter with a clear 400', async () => {
    server = await startServer();
    await seed(server);
    for (const params of [
      'from=yesterday',
      'to=2026-13-01',
      'from=2026-12-05&to=2026-12-01',
      'action=' + 'x'.repeat(100),
    ]) {
      const { status, body } = await readJson<{ error: string; message: string }>(
        await authFetch(server, `/api/audit?${params}`),
      );
      expect(status, params).toBe(400);
      expect(body.error, params).toBe('invalid_query');
    }
  });

  it('keeps coordinators to their sites under every filter', async () => {
    server = await startServer();
    await seed(server);
    const elsewhere = await createUser(server, { roles: ['coordinator'], siteIds: ['site-z'] });
    const { body } = await query(elsewhere as unknown as TestServer, 'action=change');
    expect(body.entries).toEqual([]);
  });
});
