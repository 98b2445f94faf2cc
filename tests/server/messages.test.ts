/**
 * Messages to families (issue 20) over real HTTP: records pushed by devices
 * schedule reminders; the dispatcher (its clock moved by the test) sends
 * them through the real Twilio provider code to a local server implementing
 * Twilio's API; status callbacks and replies come back signed. Covers a
 * moved hearing, a cancelled leg, a cancellation that reaches the server
 * before the send, consent and STOP, retries and a final refusal, and
 * webhooks with good and bad signatures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageListResponse } from '../../src/sync/api/messages';
import { reminderCancelKey } from '../../src/domain/messaging';
import { COLLECTIONS } from '../../src/domain/collections';
import { derivePerson } from '../../src/domain/person';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import { TwilioProvider } from '../../sync-server/src/services/messaging/twilio';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, startFakeTwilio, type FakeTwilio } from '../helpers/fakeTwilio';
import {
  authFetch,
  createUser,
  pushRows,
  readJson,
  startTestServer,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PHONE = '+254712345678';

let server: TestServer;
let twilio: FakeTwilio;
let clock: number;
let dispatcher: MessageDispatcher;
let admin: Client;
const at = (ms: number) => new Date(ms).toISOString();

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

function meta(id: string) {
  const now = at(Date.now());
  return { id, siteId: 'site-a', createdAt: now, updatedAt: now, updatedBy: 'tester', deviceId: 'test-device', _deleted: false };
}

function household(id: string, messaging?: Record<string, unknown>): Doc {
  return {
    ...meta(id),
    familyName: 'Ruiz',
    arrivalDate: '2026-12-01',
    arrivalMode: 'bus',
    needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
    destination: {},
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: 'ruiz',
    ...(messaging ? { messaging } : {}),
  };
}

function consent(language = 'es', phone = PHONE) {
  return { phone, channel: 'sms', language, consentedAt: at(Date.now()) };
}

function hearing(id: string, householdId: string, dueMs: number, extra: Record<string, unknown> = {}): Doc {
  return {
    ...meta(id),
    householdId,
    kind: 'court_hearing',
    dueAt: at(dueMs),
    place: 'Immigration Court, 250 N 7th Ave, Phoenix',
    status: 'upcoming',
    ...extra,
  };
}

function leg(id: string, householdId: string, departureMs: number, status = 'ticketed'): Doc {
  return {
    ...meta(id),
    householdId,
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt: at(departureMs),
    departurePlace: 'Phoenix Greyhound station',
    arrivalPlace: 'Houston',
    bookingReference: 'GH-4411',
    seats: 3,
    status,
    statusHistory: {},
  };
}

async function create(collection: string, doc: Doc) {
  const result = await pushRows(server, collection, [{ assumedMasterState: null, newDocumentState: doc }]);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual([]);
}

async function change(collection: string, before: Doc, after: Doc) {
  const result = await pushRows(server, collection, [{ assumedMasterState: before, newDocumentState: after }]);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

async function messagesOf(householdId: string) {
  const result = await readJson<MessageListResponse>(await send(server, 'GET', `/api/messages?householdId=${householdId}`));
  expect(result.status).toBe(200);
  return result.body.messages;
}

async function switchOn(overrides: Record<string, unknown> = {}) {
  const result = await send(admin, 'PUT', '/api/admin/messages/settings', {
    siteId: 'site-a',
    settings: {
      switches: { hearing: true, ice_checkin: true, departure: true },
      templates: {},
      timeZone: 'America/Phoenix',
      ratePerMinute: 30,
      ...overrides,
    },
  });
  expect(result.status).toBe(200);
}

beforeEach(async () => {
  twilio = await startFakeTwilio();
  server = await startTestServer({
    messaging: {
      provider: new TwilioProvider({ accountSid: FAKE_ACCOUNT_SID, authToken: FAKE_AUTH_TOKEN, from: FAKE_FROM, apiBase: twilio.url }),
      twilioWebhooks: { authToken: FAKE_AUTH_TOKEN },
    },
  });
  clock = Date.now();
  dispatcher = new MessageDispatcher({
    store: server.store,
    provider: new TwilioProvider({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      from: FAKE_FROM,
      apiBase: twilio.url,
      statusCallbackUrl: `${server.url}/api/messages/twilio/status`,
    }),
    now: () => new Date(clock),
  });
  admin = await createUser(server, { roles: ['admin'], siteIds: ['site-a'] });
});

afterEach(async () => {
  await server.close();
  await twilio.close();
});

describe('scheduling from the records', () => {
  it('schedules a hearing 7 days and 1 day before and a departure the day before; a moved hearing and a cancelled leg reschedule', async () => {
    await switchOn();
    const start = clock;
    await create('households', household('h1', consent()));
    const h = hearing('m1', 'h1', start + 10 * DAY);
    await create('milestones', h);
    const l = leg('l1', 'h1', start + 3 * DAY);
    await create('travelLegs', l);
    await dispatcher.tick();
    const first = await messagesOf('h1');
    expect(first.map((m) => [m.kind, m.lead, m.state, m.sendAt]).sort()).toEqual(
      [
        ['departure', 'd1', 'queued', at(start + 2 * DAY)],
        ['hearing', 'd1', 'queued', at(start + 9 * DAY)],
        ['hearing', 'd7', 'queued', at(start + 3 * DAY)],
      ].sort(),
    );

    // The hearing moves two days later; the leg is cancelled.
    await change('milestones', h, { ...h, dueAt: at(start + 12 * DAY) });
    await change('travelLegs', l, { ...l, status: 'cancelled' });
    await dispatcher.tick();
    const after = await messagesOf('h1');
    const queued = after.filter((m) => m.state === 'queued').map((m) => [m.kind, m.lead, m.sendAt]);
    expect(queued.sort()).toEqual(
      [
        ['hearing', 'd1', at(start + 11 * DAY)],
        ['hearing', 'd7', at(start + 5 * DAY)],
      ].sort(),
    );
    expect(after.filter((m) => m.state === 'cancelled')).toHaveLength(3);
    // Nothing was due yet: nothing went out.
    expect(twilio.received).toEqual([]);
  });

  it('schedules nothing without consent, and nothing for a kind that is switched off', async () => {
    await switchOn({ switches: { hearing: false, ice_checkin: true, departure: true } });
    await create('households', household('h1'));
    await create('milestones', hearing('m1', 'h1', clock + 10 * DAY));
    await create('households', household('h2', consent()));
    await create('milestones', hearing('m2', 'h2', clock + 20 * HOUR));
    await dispatcher.tick();
    expect(await messagesOf('h1')).toEqual([]);
    clock += HOUR;
    await dispatcher.tick();
    expect((await messagesOf('h2')).map((m) => [m.lead, m.state, m.failureReason])).toEqual([['d1', 'cancelled', 'switched_off']]);
    expect(twilio.received).toEqual([]);
  });

  it('refuses a household whose messaging number is not a valid number with its country code, and changes nothing', async () => {
    const result = await pushRows(server, 'households', [
      { assumedMasterState: null, newDocumentState: household('h9', consent('es', '0712 345678')) },
    ]);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('messaging.phone');
    expect(await server.store.getDocument('households', 'h9')).toBeUndefined();
  });
});

describe('sending', () => {
  it("sends the reminder in the family's language when its time comes, audits it, and takes signed delivery reports only", async () => {
    await switchOn();
    await create('households', household('h1', consent('es')));
    await create('milestones', hearing('m1', 'h1', clock + 10 * DAY));
    await dispatcher.tick();
    clock += 3 * DAY + HOUR;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    const sent = twilio.received[0]!;
    expect(sent.to).toBe(PHONE);
    expect(sent.body).toContain('Recordatorio: su audiencia');
    expect(sent.body).toContain('Immigration Court, 250 N 7th Ave, Phoenix');
    const [message] = (await messagesOf('h1')).filter((m) => m.lead === 'd7');
    expect(message).toMatchObject({ state: 'sent', providerId: sent.sid, language: 'es', fallback: false, channel: 'sms' });
    const audit = await server.store.listAudit({ action: 'message_sent', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ recordId: 'h1', siteId: 'site-a' });
    expect(audit[0]?.details).toMatchObject({ to: PHONE, template: { kind: 'hearing', language: 'es', fallback: false } });
    // The body is nowhere in the audit log.
    expect(JSON.stringify(audit)).not.toContain('Recordatorio');

    // A second tick sends nothing more.
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);

    expect(await twilio.statusCallback(sent.sid, 'delivered', { token: 'not-the-token' })).toBe(403);
    expect((await messagesOf('h1')).find((m) => m.lead === 'd7')?.state).toBe('sent');
    expect(await twilio.statusCallback(sent.sid, 'delivered')).toBe(204);
    expect((await messagesOf('h1')).find((m) => m.lead === 'd7')).toMatchObject({ state: 'delivered' });
  });

  it("keeps to the site's rate: what is over it waits for the next minute, queued, and then goes", async () => {
    await switchOn({ ratePerMinute: 2 });
    for (const id of ['h1', 'h2', 'h3']) {
      await create('households', household(id, consent('es', PHONE)));
      await create('milestones', hearing(`m-${id}`, id, clock + 10 * DAY));
    }
    await dispatcher.tick();
    clock += 3 * DAY + HOUR; // the three d7 reminders are due
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(2);
    const waiting = (await Promise.all(['h1', 'h2', 'h3'].map(messagesOf)))
      .flat()
      .filter((m) => m.lead === 'd7' && m.state === 'queued');
    expect(waiting).toHaveLength(1);
    // Within the same minute nothing more goes; a minute later the third does.
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(2);
    clock += 61_000;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(3);
    const d7 = (await Promise.all(['h1', 'h2', 'h3'].map(messagesOf))).flat().filter((m) => m.lead === 'd7');
    expect(d7.map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('writes English where the family’s language has no template, and says so', async () => {
    await switchOn();
    await create('households', household('h1', consent('so')));
    await create('milestones', hearing('m1', 'h1', clock + 20 * HOUR));
    await dispatcher.tick();
    expect(twilio.received[0]?.body).toContain('Reminder: your court hearing');
    expect((await messagesOf('h1'))[0]).toMatchObject({ state: 'sent', language: 'en', fallback: true });
  });

  it('a cancellation that reaches the server before the send wins, even before the scheduler has read it', async () => {
    await switchOn();
    await create('households', household('h1', consent()));
    const h = hearing('m1', 'h1', clock + 10 * DAY);
    await create('milestones', h);
    await dispatcher.tick();
    const cancelled = {
      ...h,
      reminderCancellations: { [reminderCancelKey('d7', h.dueAt as string)]: { by: 'tester', at: at(clock) } },
    };
    await change('milestones', h, cancelled);
    clock += 3 * DAY + HOUR;
    // Straight to sending: the queue still says queued, the record says cancelled.
    await dispatcher.sendDue();
    expect(twilio.received).toEqual([]);
    expect((await messagesOf('h1')).find((m) => m.lead === 'd7')).toMatchObject({ state: 'cancelled', failureReason: 'cancelled' });
    expect((await messagesOf('h1')).find((m) => m.lead === 'd1')?.state).toBe('queued');
  });

  it('retries with backoff when the provider is unavailable, and fails with its reason when it refuses the number', async () => {
    await switchOn();
    await create('households', household('h1', consent()));
    await create('milestones', hearing('m1', 'h1', clock + 20 * HOUR));
    twilio.failNext(2, 503, 20503);
    await dispatcher.tick();
    let [message] = await messagesOf('h1');
    expect(message).toMatchObject({ state: 'queued', attempts: 1 });
    expect(message?.failureReason).toContain('503');
    expect(Date.parse(message!.nextAttemptAt)).toBe(clock + 30_000);
    await dispatcher.tick(); // not yet due again
    expect((await messagesOf('h1'))[0]?.attempts).toBe(1);
    clock += 30_000;
    await dispatcher.tick();
    [message] = await messagesOf('h1');
    expect(message).toMatchObject({ state: 'queued', attempts: 2 });
    expect(Date.parse(message!.nextAttemptAt)).toBe(clock + 60_000);
    clock += 60_000;
    await dispatcher.tick();
    expect((await messagesOf('h1'))[0]).toMatchObject({ state: 'sent', attempts: 3 });
    expect(twilio.received).toHaveLength(1);

    // A number the provider refuses: failed with its reason, shown to coordinators, never retried.
    await create('households', household('h2', consent('es', '+254712345679')));
    await create('milestones', hearing('m2', 'h2', clock + 20 * HOUR));
    twilio.failNext(1, 400, 21211, "The 'To' number +254712345679 is not a valid phone number.");
    await dispatcher.tick();
    const failures = await readJson<MessageListResponse>(await send(server, 'GET', '/api/messages/failures'));
    expect(failures.body.messages.map((m) => [m.householdId, m.state])).toEqual([['h2', 'failed']]);
    expect(failures.body.messages[0]?.failureReason).toContain('21211');
    clock += DAY;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
  });
});

describe('consent and STOP', () => {
  it('a signed STOP reply (or its equivalent) withdraws consent on the record and cancels what was queued; an unsigned one changes nothing', async () => {
    await switchOn();
    await create('households', household('h1', consent('es')));
    await create('milestones', hearing('m1', 'h1', clock + 10 * DAY));
    await dispatcher.tick();
    const inbound = `${server.url}/api/messages/twilio/inbound`;

    expect(await twilio.incoming(inbound, PHONE, 'ALTO', { token: 'forged' })).toBe(403);
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).not.toHaveProperty('withdrawnAt');

    expect(await twilio.incoming(inbound, PHONE, 'gracias')).toBe(200);
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).not.toHaveProperty('withdrawnAt');

    expect(await twilio.incoming(inbound, PHONE, 'ALTO')).toBe(200);
    const stored = await server.store.getDocument('households', 'h1');
    expect(stored?.doc.messaging).toMatchObject({ phone: PHONE, withdrawnHow: 'reply_stop' });
    expect((await messagesOf('h1')).map((m) => m.state)).toEqual(['cancelled', 'cancelled']);
    expect(await server.store.listAudit({ action: 'message_consent_withdrawn', limit: 10 })).toHaveLength(1);

    clock += 10 * DAY;
    await dispatcher.tick();
    expect(twilio.received).toEqual([]);
  });

  it('consent withdrawn by staff on a device (a pushed household) stops what was queued, recorded with when, by whom and how', async () => {
    await switchOn();
    const given = household('h1', consent('es'));
    await create('households', given);
    await create('milestones', hearing('m1', 'h1', clock + 10 * DAY));
    await dispatcher.tick();
    expect((await messagesOf('h1')).map((m) => m.state)).toEqual(['queued', 'queued']);

    const withdrawnAt = at(clock);
    const withdrawn = {
      ...given,
      messaging: { ...(given.messaging as object), withdrawnAt, withdrawnHow: 'staff', withdrawnBy: 'cw.lucia' },
    };
    await change('households', given, withdrawn);
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).toMatchObject({
      withdrawnAt,
      withdrawnHow: 'staff',
      withdrawnBy: 'cw.lucia',
    });

    // The 7-day reminder falls due before the scheduler has read the change: the send re-reads the record.
    clock += 3 * DAY + HOUR;
    await dispatcher.sendDue();
    expect(twilio.received).toEqual([]);
    expect((await messagesOf('h1')).find((m) => m.lead === 'd7')).toMatchObject({ state: 'cancelled', failureReason: 'consent_withdrawn' });
    // The scheduler then cancels the rest, saying why.
    await dispatcher.tick();
    expect((await messagesOf('h1')).find((m) => m.lead === 'd1')).toMatchObject({ state: 'cancelled', failureReason: 'consent_withdrawn' });
    clock += 10 * DAY;
    await dispatcher.tick();
    expect(twilio.received).toEqual([]);
  });

  it('a withdrawal on one device and a new number on another, both offline, merge into a withdrawn consent: nothing is sent', async () => {
    await switchOn();
    const given = household('h1', consent('es'));
    await create('households', given);
    await create('milestones', hearing('m1', 'h1', clock + 20 * HOUR));
    const withdrawnAt = at(clock);
    await change('households', given, {
      ...given,
      messaging: { ...(given.messaging as object), withdrawnAt, withdrawnHow: 'staff', withdrawnBy: 'cw.lucia' },
    });
    // Another person's device, which never saw the withdrawal.
    const caseworker = await createUser(server, { roles: ['caseworker'], siteIds: ['site-a'] });
    const other = await pushRows(
      caseworker,
      'households',
      [
        {
          assumedMasterState: given,
          newDocumentState: { ...given, deviceId: 'device-b', messaging: { ...(given.messaging as object), phone: '+254712345699' } },
        },
      ],
    );
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).toMatchObject({
      phone: '+254712345699',
      withdrawnAt,
      withdrawnHow: 'staff',
      withdrawnBy: 'cw.lucia',
    });
    await dispatcher.tick();
    expect(twilio.received).toEqual([]);
  });

  it('refuses a staff withdrawal that does not say who withdrew, and changes nothing', async () => {
    const given = household('h1', consent('es'));
    await create('households', given);
    // Shaped for the current version (a device of an older one has it filled in by the migration).
    const result = await readJson(
      await authFetch(server, '/api/sync/households/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-schema-version': String(COLLECTIONS.households.version) },
        body: JSON.stringify([
          {
            assumedMasterState: given,
            newDocumentState: { ...given, messaging: { ...(given.messaging as object), withdrawnAt: at(clock), withdrawnHow: 'staff' } },
          },
        ]),
      }),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('messaging');
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).not.toHaveProperty('withdrawnAt');
  });
});

describe("a member's own consent", () => {
  const MEMBER_PHONE = '+254712345670';

  function member(id: string, householdId: string, givenName: string, messaging?: Record<string, unknown>): Doc {
    return derivePerson({
      ...meta(id),
      householdId,
      givenName,
      familyName: 'Ruiz',
      sex: 'female',
      relationship: 'child',
      languages: ['fr'],
      interpreterNeeded: false,
      nameKey: '',
      familyKey: '',
      ...(messaging ? { messaging } : {}),
    }) as unknown as Doc;
  }

  it("sends a member's hearing to the member's number in their language, anything else to the household's", async () => {
    await switchOn();
    await create('households', household('h1', consent('es')));
    const ana = member('p-ana', 'h1', 'Ana', consent('fr', MEMBER_PHONE));
    await create('people', ana);
    await create('people', member('p-luis', 'h1', 'Luis'));
    await create('milestones', hearing('m-ana', 'h1', clock + 20 * HOUR, { personId: 'p-ana' }));
    await create('milestones', hearing('m-luis', 'h1', clock + 21 * HOUR, { personId: 'p-luis' }));
    await create('milestones', hearing('m-family', 'h1', clock + 22 * HOUR));
    await dispatcher.tick();
    const sent = twilio.received.map((m) => [m.to, m.body.slice(0, 12)]);
    expect(sent).toEqual([
      [MEMBER_PHONE, 'Rappel : vot'],
      [PHONE, 'Recordatorio'],
      [PHONE, 'Recordatorio'],
    ]);
    const messages = await messagesOf('h1');
    expect(messages.find((m) => m.recordId === 'm-ana')).toMatchObject({ state: 'sent', language: 'fr' });
    const audit = await server.store.listAudit({ action: 'message_sent', limit: 10 });
    expect(audit.map((entry) => (entry.details as { to: string }).to).sort()).toEqual([PHONE, PHONE, MEMBER_PHONE].sort());
  });

  it("a member's withdrawn consent stops their reminders, not the family's; STOP from the member's number withdraws theirs only", async () => {
    await switchOn();
    await create('households', household('h1', consent('es')));
    const ana = member('p-ana', 'h1', 'Ana', consent('fr', MEMBER_PHONE));
    await create('people', ana);
    await create('milestones', hearing('m-ana', 'h1', clock + 10 * DAY, { personId: 'p-ana' }));
    await create('milestones', hearing('m-family', 'h1', clock + 10 * DAY + HOUR));
    await dispatcher.tick();
    expect((await messagesOf('h1')).filter((m) => m.state === 'queued')).toHaveLength(4);

    expect(await twilio.incoming(`${server.url}/api/messages/twilio/inbound`, MEMBER_PHONE, 'STOP')).toBe(200);
    expect((await server.store.getDocument('people', 'p-ana'))?.doc.messaging).toMatchObject({ withdrawnHow: 'reply_stop' });
    expect((await server.store.getDocument('households', 'h1'))?.doc.messaging).not.toHaveProperty('withdrawnAt');
    await dispatcher.tick();
    const after = await messagesOf('h1');
    expect(after.filter((m) => m.recordId === 'm-ana').map((m) => [m.state, m.failureReason])).toEqual([
      ['cancelled', 'consent_withdrawn'],
      ['cancelled', 'consent_withdrawn'],
    ]);
    expect(after.filter((m) => m.recordId === 'm-family').map((m) => m.state)).toEqual(['queued', 'queued']);
    clock += 3 * DAY + 2 * HOUR;
    await dispatcher.tick();
    expect(twilio.received.map((m) => m.to)).toEqual([PHONE]);
  });
});

describe('settings', () => {
  it('an administrator saves templates with their placeholders checked; a bad one is refused and changes nothing', async () => {
    await switchOn({ templates: { hearing: { so: 'Xasuusin: dhegaysiga {{date}} {{time}}, {{place}}.' } } });
    const bad = await send(admin, 'PUT', '/api/admin/messages/settings', {
      siteId: 'site-a',
      settings: {
        switches: { hearing: true, ice_checkin: true, departure: true },
        templates: { hearing: { so: 'Xasuusin {{date}} {{tiem}}' } },
        timeZone: 'America/Phoenix',
        ratePerMinute: 30,
      },
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('missing_placeholder {{time}}');
    expect(text).toContain('unknown_placeholder {{tiem}}');
    const saved = await readJson<{ settings: { templates: unknown } }>(await send(server, 'GET', '/api/messages/settings?siteId=site-a'));
    expect(saved.body.settings.templates).toEqual({ hearing: { so: 'Xasuusin: dhegaysiga {{date}} {{time}}, {{place}}.' } });
    const coordinator = await send(server, 'PUT', '/api/admin/messages/settings', { siteId: 'site-a', settings: {} });
    expect(coordinator.status).toBe(403);
  });
});
