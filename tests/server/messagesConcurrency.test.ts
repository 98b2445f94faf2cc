/**
 * Several senders on one queue never send a message twice (issue 20):
 * two dispatchers on separate connections (PostgreSQL: FOR UPDATE SKIP
 * LOCKED; SQLite: one UPDATE … RETURNING), and two real server processes on
 * one PostgreSQL schema, each sending through the real Twilio provider code
 * to a local server implementing Twilio's API, which counts what it got.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES_OFF } from '../../src/domain/messaging';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import type { MessageProvider } from '../../sync-server/src/services/messaging/provider';
import { TwilioProvider } from '../../sync-server/src/services/messaging/twilio';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store } from '../../sync-server/src/store/types';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, startFakeTwilio, type FakeTwilio } from '../helpers/fakeTwilio';
import { createTestPostgres, type TestPostgres } from '../helpers/postgres';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';

const FAMILIES = 40;
const SITE = 'site-a';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Families with consent and a hearing in 20 hours: each has one reminder due now. */
async function seedFamilies(store: Store, now: number) {
  const at = new Date(now).toISOString();
  const meta = (id: string) => ({ id, siteId: SITE, createdAt: at, updatedAt: at, updatedBy: 'seed', deviceId: 'seed', _deleted: false });
  await store.transaction(async (tx) => {
    await tx.putSite({ id: SITE, name: 'Site A', kind: 'welcome_center', createdAt: at, updatedAt: at });
    for (let i = 0; i < FAMILIES; i += 1) {
      await tx.putDocument(
        'households',
        {
          ...meta(`h${i}`),
          familyName: `Family ${i}`,
          arrivalDate: '2026-12-01',
          arrivalMode: 'bus',
          needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
          destination: {},
          sponsor: {},
          consent: { dataSharing: true, photo: false },
          status: 'active',
          nameKey: `family ${i}`,
          messaging: { phone: `+2547123456${String(i).padStart(2, '0')}`, channel: 'sms', language: 'en', consentedAt: at },
        },
        SITE,
      );
      await tx.putDocument(
        'milestones',
        {
          ...meta(`m${i}`),
          householdId: `h${i}`,
          kind: 'court_hearing',
          dueAt: new Date(now + 20 * 3_600_000).toISOString(),
          place: `Court room ${i}`,
          status: 'upcoming',
        },
        SITE,
      );
    }
  });
  await store.messages.putSettings(
    SITE,
    { switches: { ...MESSAGES_OFF, hearing: true, ice_checkin: true, departure: true }, templates: {}, timeZone: 'UTC', ratePerMinute: 600 },
    'seed',
    at,
  );
}

function counting(provider: MessageProvider, count: { n: number }): MessageProvider {
  return {
    name: provider.name,
    send: async (message) => {
      count.n += 1;
      return provider.send(message);
    },
  };
}

async function twoDispatchersSendEachOnce(stores: [Store, Store], twilio: FakeTwilio) {
  const now = Date.now();
  await seedFamilies(stores[0], now);
  const counts = [{ n: 0 }, { n: 0 }];
  const twilioProvider = new TwilioProvider({ accountSid: FAKE_ACCOUNT_SID, authToken: FAKE_AUTH_TOKEN, from: FAKE_FROM, apiBase: twilio.url });
  const dispatchers = stores.map(
    (store, i) => new MessageDispatcher({ store, provider: counting(twilioProvider, counts[i]!), now: () => new Date(now), batchSize: 3 }),
  );
  // Both schedule the same families at once (idempotent), then both send until nothing is left.
  await Promise.all(dispatchers.map((d) => d.schedule()));
  for (let round = 0; round < 40; round += 1) {
    const sent = await Promise.all(dispatchers.map((d) => d.sendDue()));
    if (sent.every((batch) => batch.length === 0)) break;
  }
  const bodies = twilio.received.map((m) => m.body);
  expect(bodies).toHaveLength(FAMILIES);
  expect(new Set(bodies).size).toBe(FAMILIES);
  // Both took part: the claims split the work rather than one waiting for the other.
  expect(counts[0]!.n).toBeGreaterThan(0);
  expect(counts[1]!.n).toBeGreaterThan(0);
  const states = await stores[1].messages.listMessages({ limit: 1000 });
  expect(states.filter((m) => m.state === 'sent')).toHaveLength(FAMILIES);
}

describe('two senders on one queue', () => {
  it('PostgreSQL: two dispatchers on separate connections send each message exactly once', async () => {
    const twilio = await startFakeTwilio();
    cleanups.push(() => twilio.close());
    const database: TestPostgres = await createTestPostgres();
    cleanups.push(() => database.drop());
    const stores: [Store, Store] = [
      openPostgresStore(database.connectionString, { schema: database.schema, poolSize: 3 }),
      openPostgresStore(database.connectionString, { schema: database.schema, poolSize: 3 }),
    ];
    for (const store of stores) cleanups.push(() => store.close());
    await stores[0].migrate();
    await twoDispatchersSendEachOnce(stores, twilio);
  });

  it('SQLite: two dispatchers on separate connections to one file send each message exactly once', async () => {
    const twilio = await startFakeTwilio();
    cleanups.push(() => twilio.close());
    const dir = await mkdtemp(join(tmpdir(), 'waystation-messages-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const stores: [Store, Store] = [openSqliteStore(join(dir, 'w.sqlite')), openSqliteStore(join(dir, 'w.sqlite'))];
    for (const store of stores) cleanups.push(() => store.close());
    await stores[0].migrate();
    await twoDispatchersSendEachOnce(stores, twilio);
  });

  it('two real server processes on one PostgreSQL schema send each due message exactly once', async () => {
    const twilio = await startFakeTwilio();
    cleanups.push(() => twilio.close());
    const database = await createTestPostgres();
    cleanups.push(() => database.drop());
    const store = openPostgresStore(database.connectionString, { schema: database.schema, poolSize: 2 });
    cleanups.push(() => store.close());
    await store.migrate();
    await seedFamilies(store, Date.now());
    const env = {
      DATABASE_URL: database.connectionString,
      DATABASE_SCHEMA: database.schema,
      WAYSTATION_ADMIN_PASSWORD: 'two processes test password',
      MESSAGING_PROVIDER: 'twilio',
      MESSAGING_TICK_SECONDS: '1',
      TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN,
      TWILIO_FROM: FAKE_FROM,
      TWILIO_API_BASE: twilio.url,
      PUBLIC_URL: 'http://127.0.0.1:9',
    };
    const processes: ServerProcess[] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    cleanups.push(() => Promise.all(processes.map((p) => p.stop())));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const sent = await store.messages.listMessages({ states: ['sent'], limit: 1000 });
      if (sent.length === FAMILIES) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Two more ticks of each process: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const bodies = twilio.received.map((m) => m.body);
    expect(bodies, processes.map((p) => p.output()).join('\n')).toHaveLength(FAMILIES);
    expect(new Set(bodies).size).toBe(FAMILIES);
    expect(await store.messages.listMessages({ states: ['sent'], limit: 1000 })).toHaveLength(FAMILIES);
  }, 120_000);
});
