/**
 * The log provider (MESSAGING_PROVIDER=log, the default) writes each message
 * to the administrator's Messages screen instead of sending it (issue 20).
 * What the screen shows must survive a restart: here a real server process
 * on a SQLite data directory sends a due reminder through the log provider,
 * is stopped, and a new process on the same directory still answers the
 * message, its state and its text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES_OFF } from '../../src/domain/messaging';
import type { RecentMessagesResponse } from '../../src/sync/api/messages';
import { DEFAULT_AUTH_SETTINGS } from '../../sync-server/src/services/auth';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { signedInUser } from '../helpers/testServer';

const SITE = 'site-a';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function recent(url: string, token: string): Promise<RecentMessagesResponse> {
  const response = await fetch(`${url}/api/admin/messages/recent`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as RecentMessagesResponse;
}

describe('the log provider’s messages on the admin screen', () => {
  it('are still there, with their state and text, after the server restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waystation-logged-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = openSqliteStore(join(dir, 'waystation.sqlite'));
    cleanups.push(() => store.close());
    await store.migrate();
    const now = Date.now();
    const at = new Date(now).toISOString();
    const meta = { siteId: SITE, createdAt: at, updatedAt: at, updatedBy: 'seed', deviceId: 'seed', _deleted: false };
    await store.transaction(async (tx) => {
      await tx.putSite({ id: SITE, name: 'Site A', kind: 'welcome_center', createdAt: at, updatedAt: at });
      await tx.putDocument(
        'households',
        {
          ...meta,
          id: 'hh-1',
          familyName: 'Ruiz',
          arrivalDate: at.slice(0, 10),
          arrivalMode: 'bus',
          needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
          destination: {},
          sponsor: {},
          consent: { dataSharing: true, photo: false },
          status: 'active',
          nameKey: 'ruiz',
          messaging: { phone: '+254712345678', channel: 'sms', language: 'es', consentedAt: at },
        },
        SITE,
      );
      await tx.putDocument(
        'milestones',
        {
          ...meta,
          id: 'ms-1',
          householdId: 'hh-1',
          kind: 'court_hearing',
          dueAt: new Date(now + 20 * 3_600_000).toISOString(),
          place: 'Immigration Court, Phoenix',
          status: 'upcoming',
        },
        SITE,
      );
    });
    await store.messages.putSettings(SITE, { switches: { ...MESSAGES_OFF, hearing: true }, templates: {}, timeZone: 'UTC', ratePerMinute: 30 }, 'seed', at);
    const admin = await signedInUser(
      { url: '', store, auth: DEFAULT_AUTH_SETTINGS, now: () => new Date() },
      { roles: ['admin'], siteIds: [SITE] },
    );
    const env = { DATA_DIR: dir, WAYSTATION_ADMIN_PASSWORD: 'restart test password', MESSAGING_TICK_SECONDS: '1' };

    let first: ServerProcess | undefined = await startServerProcess(env);
    cleanups.push(() => first?.stop() ?? Promise.resolve());
    let answer: RecentMessagesResponse | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      answer = await recent(first.url, admin.token);
      if (answer.logged.length > 0 && answer.messages.some((m) => m.state === 'sent')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(answer?.provider, first.output()).toBe('log');
    expect(answer?.logged).toHaveLength(1);
    expect(answer?.logged[0]).toMatchObject({ siteId: SITE, to: '+254712345678', channel: 'sms' });
    expect(answer?.logged[0]?.body).toContain('Recordatorio: su audiencia');
    expect(answer?.messages.find((m) => m.state === 'sent')).toMatchObject({ householdId: 'hh-1', kind: 'hearing', lead: 'd1', language: 'es', provider: 'log' });
    // The server log has the message without its text.
    expect(first.output()).not.toContain('Recordatorio');
    await first.stop();
    first = undefined;

    const second = await startServerProcess(env);
    cleanups.push(() => second.stop());
    const after = await recent(second.url, admin.token);
    expect(after.logged).toEqual(answer?.logged);
    expect(after.messages.find((m) => m.state === 'sent')?.key).toBe(answer?.messages.find((m) => m.state === 'sent')?.key);
  }, 120_000);
});
