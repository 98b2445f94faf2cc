/**
 * POST /api/audit/exports over real HTTP: a coordinator's export reaches the
 * audit log as an `export` entry with the session's user and device, the
 * dataset, period and whether names were in it. Other roles, other sites and
 * bad bodies are refused and record nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../sync-server/src/store/types';
import {
  authFetch,
  createUser,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

function post(client: Client, body: unknown) {
  return authFetch(client, '/api/audit/exports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const event = {
  dataset: 'people',
  from: '2026-03-01',
  to: '2026-03-31',
  siteId: 'site-a',
  withNames: true,
  rows: 42,
  at: '2026-04-01T09:00:00.000Z',
};

async function exportEntries(): Promise<AuditEntry[]> {
  return (await server.store.listAudit({ limit: 100 })).filter((entry) => entry.action === 'export');
}

describe('export audit', () => {
  it("records a coordinator's export with who, which device, the dataset, period and names", async () => {
    server = await startServer();
    const coordinator = await createUser(server, {
      roles: ['coordinator'],
      siteIds: ['site-a'],
      deviceId: 'office-pc',
    });
    const response = await readJson<{ recorded: number }>(await post(coordinator, event));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ recorded: 1 });
    const [entry] = await exportEntries();
    expect(entry).toMatchObject({
      userId: coordinator.user.id,
      deviceId: 'office-pc',
      action: 'export',
      collection: 'people',
      siteId: 'site-a',
      at: event.at,
      details: { from: '2026-03-01', to: '2026-03-31', withNames: true, rows: 42 },
    });
    // Coordinators read it back through the audit API.
    const read = await readJson<{ entries: AuditEntry[] }>(
      await authFetch(coordinator, '/api/audit?collection=people'),
    );
    expect(read.body.entries.map((e) => e.action)).toContain('export');
  });

  it('refuses other roles, other sites and bad bodies, recording nothing', async () => {
    server = await startServer();
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    expect((await post(volunteer, event)).status).toBe(403);
    expect((await post(coordinator, { ...event, siteId: 'site-b' })).status).toBe(403);
    expect((await post(coordinator, { ...event, dataset: 'sensitive' })).status).toBe(400);
    expect((await post(coordinator, { ...event, from: '2026-04-01' })).status).toBe(400);
    expect((await post(coordinator, { ...event, extra: 1 })).status).toBe(400);
    expect(await exportEntries()).toEqual([]);
  });
});
