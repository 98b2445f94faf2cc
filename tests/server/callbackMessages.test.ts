/**
 * Call-back messages to helpline callers (issue 20) over real HTTP: a call is
 * pushed the way a helpline desk pushes it (escalated to a unit, with the
 * caller's consent on the call); the dispatcher, its clock moved by the test,
 * sends the call-back promise in the caller's language through the real
 * Twilio provider code to a local server implementing Twilio's API, then a
 * note when the call-back is kept (made by the promised time) or late. No
 * consent, a kind switched off, or STOP: nothing goes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/domain/calls';
import type { MessageListResponse } from '../../src/sync/api/messages';
import { MessageDispatcher } from '../../sync-server/src/services/messaging/dispatcher';
import { TwilioProvider } from '../../sync-server/src/services/messaging/twilio';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, postSigned, startFakeTwilio, type FakeTwilio } from '../helpers/fakeTwilio';
import { authFetch, createUser, pushRows, readJson, startTestServer, type Client, type Doc, type TestServer } from '../helpers/testServer';

const HOUR = 3_600_000;
const PHONE = '+254712345678';
/** Tuesday 8 December 2026, 16:55 in Nairobi (UTC+3). */
const DUE = '2026-12-08T13:55:00.000Z';
const ESCALATED = '2026-12-07T09:00:00.000Z';

let server: TestServer;
let twilio: FakeTwilio;
let clock: number;
let dispatcher: MessageDispatcher;
let admin: Client;
let agent: Client;
let officer: Client;

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

function consent(language: string, phone = PHONE) {
  return { phone, channel: 'sms', language, consentedAt: ESCALATED };
}

/** An escalated call as the desk writes it: outcome, the first assignment, derived fields. */
function escalatedCall(id: string, language: string, messaging?: Record<string, unknown>, overrides: Record<string, unknown> = {}): Doc {
  return deriveCall({
    id,
    siteId: 'site-a',
    createdAt: '2026-12-07T08:50:00.000Z',
    updatedAt: ESCALATED,
    updatedBy: 'agent-a',
    deviceId: 'desk-1',
    startedAt: '2026-12-07T08:50:00.000Z',
    endedAt: ESCALATED,
    agentId: 'agent-a',
    callerPhone: PHONE,
    callerLanguage: language,
    category: 'resettlement',
    summary: 'Asks when the resettlement interview will be scheduled.',
    verification: { attempts: {} },
    outcome: { kind: 'escalated', unitId: 'rsd', callbackDueAt: DUE },
    callbacks: {},
    assignments: { a1: { unitId: 'rsd', at: ESCALATED, by: 'agent-a' } },
    ...(messaging ? { messaging } : {}),
    _deleted: false,
    ...overrides,
  } as unknown as Parameters<typeof deriveCall>[0]) as unknown as Doc;
}

async function pushCall(client: Client, before: Doc | null, after: Doc) {
  const result = await pushRows(client, 'calls', [{ assumedMasterState: before, newDocumentState: after }]);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual([]);
}

/** A call-back recorded by the case officer, as the queue writes it. */
function withCallback(call: Doc, at: string, result: 'reached' | 'no_answer_retry' = 'reached'): Doc {
  return deriveCall({
    ...(call as unknown as Parameters<typeof deriveCall>[0]),
    callbacks: { cb1: { at, by: 'officer-1', result } },
    updatedAt: at,
    updatedBy: 'officer-1',
    deviceId: 'officer-1',
  }) as unknown as Doc;
}

async function messagesOfCall(client: Client, callId: string) {
  const result = await readJson<MessageListResponse>(await send(client, 'GET', `/api/messages/call?callId=${callId}`));
  expect(result.status).toBe(200);
  // In sending order (the list is newest first).
  return [...result.body.messages].sort((a, b) => a.sendAt.localeCompare(b.sendAt));
}

async function switchOn(switches: Record<string, boolean> = {}, templates: Record<string, unknown> = {}) {
  const result = await send(admin, 'PUT', '/api/admin/messages/settings', {
    siteId: 'site-a',
    settings: {
      switches: {
        hearing: false,
        ice_checkin: false,
        departure: false,
        callback_promise: true,
        callback_kept: true,
        callback_late: true,
        ...switches,
      },
      templates,
      timeZone: 'Africa/Nairobi',
      ratePerMinute: 30,
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

beforeEach(async () => {
  twilio = await startFakeTwilio();
  server = await startTestServer({
    messaging: {
      provider: new TwilioProvider({ accountSid: FAKE_ACCOUNT_SID, authToken: FAKE_AUTH_TOKEN, from: FAKE_FROM, apiBase: twilio.url }),
      twilioWebhooks: { authToken: FAKE_AUTH_TOKEN },
    },
  });
  clock = Date.parse(ESCALATED) + 60_000;
  dispatcher = new MessageDispatcher({
    store: server.store,
    provider: new TwilioProvider({ accountSid: FAKE_ACCOUNT_SID, authToken: FAKE_AUTH_TOKEN, from: FAKE_FROM, apiBase: twilio.url }),
    now: () => new Date(clock),
  });
  admin = await createUser(server, { roles: ['admin'], siteIds: ['site-a'] });
  agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'], deviceId: 'desk-1' });
  officer = await createUser(server, { roles: ['case_officer'], siteIds: ['site-a'], deviceId: 'officer-1' });
});

afterEach(async () => {
  await server.close();
  await twilio.close();
});

describe('the call-back promise to a caller who asked for it', () => {
  it('is sent at escalation in the caller’s language with the promised time in the site’s zone, audited without its body', async () => {
    await switchOn();
    await pushCall(agent, null, escalatedCall('c1', 'sw', consent('sw')));
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    const sent = twilio.received[0]!;
    expect(sent.to).toBe(PHONE);
    const { date, time } = nairobi(DUE, 'sw');
    expect(sent.body).toBe(`Simu ya msaada: tutakupigia tena kabla ya ${date} saa ${time}. Jibu ACHA kusitisha ujumbe.`);
    // The promised time as the caller reads it: Tuesday, 16:55 in Nairobi.
    expect(nairobi(DUE, 'en')).toEqual({ date: 'Tuesday, December 8', time: '4:55 PM' });

    const messages = await messagesOfCall(officer, 'c1');
    expect(messages.map((m) => [m.kind, m.state, m.language, m.fallback])).toEqual([
      ['callback_promise', 'sent', 'sw', false],
      ['callback_late', 'queued', undefined, undefined],
    ]);
    const audit = await server.store.listAudit({ action: 'message_sent', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ collection: 'calls', recordId: 'c1' });
    expect(audit[0]?.details).toMatchObject({ to: PHONE, template: { kind: 'callback_promise', language: 'sw' } });
    expect(JSON.stringify(audit)).not.toContain('tutakupigia');
    // Not a family's message: the family list never shows it.
    const asFamily = await readJson<MessageListResponse>(await send(admin, 'GET', '/api/messages?householdId=c1'));
    expect(asFamily.body.messages).toEqual([]);
  });

  it('is in English where the caller’s language has no template, and the fallback is on the message for staff; an admin’s Somali template is used once written', async () => {
    await switchOn();
    await pushCall(agent, null, escalatedCall('c1', 'so', consent('so')));
    await dispatcher.tick();
    const { date, time } = nairobi(DUE, 'en');
    expect(twilio.received[0]?.body).toBe(`Helpline: we will call you back by ${date} at ${time}. Reply STOP to stop messages.`);
    expect((await messagesOfCall(agent, 'c1'))[0]).toMatchObject({ kind: 'callback_promise', state: 'sent', language: 'en', fallback: true });

    // A template with a placeholder of another kind is refused, and nothing is saved.
    const bad = await send(admin, 'PUT', '/api/admin/messages/settings', {
      siteId: 'site-a',
      settings: {
        switches: { hearing: false, ice_checkin: false, departure: false, callback_promise: true, callback_kept: true, callback_late: true },
        templates: { callback_promise: { so: 'Waan ku soo wici doonnaa {{date}} {{time}} {{place}}' } },
        timeZone: 'Africa/Nairobi',
        ratePerMinute: 30,
      },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('unknown_placeholder {{place}}');
    expect((await server.store.messages.getSettings('site-a'))?.templates).toEqual({});

    await switchOn({}, { callback_promise: { so: 'Khadka caawinta: waan ku soo wici doonnaa ka hor {{date}} {{time}}.' } });
    await pushCall(agent, null, escalatedCall('c2', 'so', consent('so', '+254712345679')));
    await dispatcher.tick();
    expect(twilio.received[1]?.body).toBe(`Khadka caawinta: waan ku soo wici doonnaa ka hor ${nairobi(DUE, 'so').date} ${nairobi(DUE, 'so').time}.`);
    expect((await messagesOfCall(agent, 'c2'))[0]).toMatchObject({ language: 'so', fallback: false });
  });

  it('without consent on the call nothing is queued or sent, and a kind switched off is not sent', async () => {
    await switchOn();
    await pushCall(agent, null, escalatedCall('c1', 'sw'));
    await dispatcher.tick();
    clock = Date.parse(DUE) + HOUR;
    await dispatcher.tick();
    expect(twilio.received).toEqual([]);
    expect(await messagesOfCall(officer, 'c1')).toEqual([]);

    await switchOn({ callback_promise: false, callback_late: false });
    clock = Date.parse(ESCALATED) + 60_000;
    await pushCall(agent, null, escalatedCall('c2', 'sw', consent('sw')));
    await dispatcher.tick();
    expect(twilio.received).toEqual([]);
    expect((await messagesOfCall(officer, 'c2')).map((m) => [m.kind, m.state, m.failureReason])).toEqual([
      ['callback_promise', 'cancelled', 'switched_off'],
      ['callback_late', 'queued', undefined],
    ]);
  });

  it('refuses consent with a number that is not E.164, and stores nothing', async () => {
    const result = await pushRows(agent, 'calls', [
      { assumedMasterState: null, newDocumentState: escalatedCall('c9', 'sw', consent('sw', '0712 345678')) },
    ]);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('messaging.phone');
    expect(await server.store.getDocument('calls', 'c9')).toBeUndefined();
  });
});

describe('the note when the call-back is kept or late', () => {
  it('kept: a call-back made by the promised time sends the kept note and never the late one', async () => {
    await switchOn();
    const call = escalatedCall('c1', 'es', consent('es'));
    await pushCall(agent, null, call);
    await dispatcher.tick();
    const calledAt = '2026-12-08T10:15:00.000Z';
    clock = Date.parse(calledAt) + 60_000;
    await pushCall(officer, call, withCallback(call, calledAt));
    await dispatcher.tick();
    clock = Date.parse(DUE) + HOUR;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(2);
    const { date, time } = nairobi(calledAt, 'es');
    expect(twilio.received[1]?.body).toBe(
      `Línea de ayuda: le devolvimos la llamada el ${date} a las ${time}, como prometimos. Si no logramos hablar con usted, volveremos a intentarlo. Responda ALTO para no recibir mensajes.`,
    );
    const states = (await messagesOfCall(officer, 'c1')).map((m) => [m.kind, m.state]);
    expect(states).toEqual(
      expect.arrayContaining([
        ['callback_promise', 'sent'],
        ['callback_kept', 'sent'],
        ['callback_late', 'cancelled'],
      ]),
    );
  });

  it('late: the promised time passes with no call-back and the late note goes; a call-back that reaches the server first wins', async () => {
    await switchOn();
    const call = escalatedCall('c1', 'fr', consent('fr'));
    await pushCall(agent, null, call);
    await dispatcher.tick();
    clock = Date.parse(DUE) + 60_000;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(2);
    const { date, time } = nairobi(DUE, 'fr');
    expect(twilio.received[1]?.body).toBe(
      `Ligne d'assistance : nous avions promis de vous rappeler au plus tard le ${date} à ${time} et ne l'avons pas encore fait. Toutes nos excuses ; nous vous appellerons dès que possible. Répondez STOP pour ne plus recevoir de messages.`,
    );
    expect((await messagesOfCall(officer, 'c1')).find((m) => m.kind === 'callback_late')?.state).toBe('sent');

    // Another call: its call-back reaches the server after the due time but before the dispatcher re-read the call.
    clock = Date.parse(ESCALATED) + 60_000;
    const other = escalatedCall('c2', 'fr', consent('fr', '+254712345679'));
    await pushCall(agent, null, other);
    await dispatcher.tick();
    clock = Date.parse(DUE) + 60_000;
    await pushCall(officer, other, withCallback(other, '2026-12-08T13:50:00.000Z'));
    await dispatcher.sendDue();
    expect(twilio.received).toHaveLength(3); // the two promises and the first call's late note
    expect((await messagesOfCall(officer, 'c2')).find((m) => m.kind === 'callback_late')).toMatchObject({
      state: 'cancelled',
      failureReason: 'no_longer_planned',
    });
    // The scheduler then reads the call-back, made 5 minutes before the promised time: kept.
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(4);
    expect(twilio.received[3]?.body).toContain('comme promis');
  });

  it('STOP from the caller withdraws the consent on the call: recorded with when and how, and the late note is not sent', async () => {
    await switchOn();
    await pushCall(agent, null, escalatedCall('c1', 'ar', consent('ar')));
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    clock += HOUR;
    expect(await postSigned(`${server.url}/api/messages/twilio/inbound`, { From: PHONE, Body: 'توقف', MessageSid: 'SMin1' }, FAKE_AUTH_TOKEN)).toBe(200);
    const stored = await server.store.getDocument('calls', 'c1');
    expect(stored?.doc.messaging).toMatchObject({ phone: PHONE, withdrawnHow: 'reply_stop', withdrawnAt: expect.any(String) });
    expect(await server.store.listAudit({ action: 'message_consent_withdrawn', limit: 10 })).toMatchObject([
      { collection: 'calls', recordId: 'c1', details: { how: 'reply_stop' } },
    ]);
    clock = Date.parse(DUE) + 60_000;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    expect((await messagesOfCall(officer, 'c1')).find((m) => m.kind === 'callback_late')?.state).toBe('cancelled');
  });

  it('consent withdrawn by the case officer (a pushed call) stops the late note, recorded with when, by whom and how', async () => {
    await switchOn();
    const call = escalatedCall('c1', 'fr', consent('fr'));
    await pushCall(agent, null, call);
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    clock += HOUR;
    const withdrawnAt = new Date(clock).toISOString();
    const withdrawn = {
      ...call,
      messaging: { ...(call.messaging as object), withdrawnAt, withdrawnHow: 'staff', withdrawnBy: 'officer-1' },
      updatedAt: withdrawnAt,
      updatedBy: 'officer-1',
      deviceId: 'officer-1',
    };
    await pushCall(officer, call, withdrawn);
    expect((await server.store.getDocument('calls', 'c1'))?.doc.messaging).toMatchObject({
      withdrawnAt,
      withdrawnHow: 'staff',
      withdrawnBy: 'officer-1',
    });
    clock = Date.parse(DUE) + 60_000;
    await dispatcher.tick();
    expect(twilio.received).toHaveLength(1);
    expect((await messagesOfCall(officer, 'c1')).find((m) => m.kind === 'callback_late')).toMatchObject({
      state: 'cancelled',
      failureReason: 'consent_withdrawn',
    });
  });
});

function nairobi(at: string, language: string) {
  const when = new Date(at);
  const locale = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
  return {
    date: new Intl.DateTimeFormat(locale, { timeZone: 'Africa/Nairobi', weekday: 'long', day: 'numeric', month: 'long' }).format(when),
    time: new Intl.DateTimeFormat(locale, { timeZone: 'Africa/Nairobi', hour: 'numeric', minute: '2-digit' }).format(when),
  };
}
