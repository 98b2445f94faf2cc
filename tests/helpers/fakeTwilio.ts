/**
 * A local HTTP server implementing the part of Twilio's Messages API the
 * server uses, as Twilio documents it, so the real provider code runs in
 * tests and nothing leaves the machine:
 *  - POST /2010-04-01/Accounts/{Sid}/Messages.json, form-encoded, HTTP basic
 *    auth; 201 with a message resource, or Twilio's error resource
 *    ({code, message, more_info, status}): 401/20003 for bad credentials,
 *    400/21211 for a number that is not one, and whatever a test scripts
 *    (`failNext`: 503, 429…);
 *  - the webhooks Twilio sends: a status callback to the message's
 *    StatusCallback and an incoming message, each form-encoded and signed
 *    with X-Twilio-Signature (HMAC-SHA1 of URL + sorted params, base64).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../../sync-server/src/services/messaging/twilio';

export const FAKE_ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const FAKE_AUTH_TOKEN = 'fake-twilio-auth-token';
export const FAKE_FROM = '+15005550006';

export interface ReceivedMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
}

export interface FakeTwilio {
  url: string;
  /** Messages it accepted, in order. */
  received: ReceivedMessage[];
  /** The next `count` sends are answered with this error instead. */
  failNext(count: number, status: number, code: number, message?: string): void;
  /** Posts a status callback for a message, signed with `token` (default: the right one). */
  statusCallback(sid: string, status: string, options?: { errorCode?: string; token?: string }): Promise<number>;
  /** Posts an incoming message to `url`, signed with `token` (default: the right one). */
  incoming(url: string, from: string, body: string, options?: { token?: string }): Promise<number>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function postSigned(url: string, params: Record<string, string>, token: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(token, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  await response.text();
  return response.status;
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const received: ReceivedMessage[] = [];
  const failures: { status: number; code: number; message: string }[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) =>
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) return error(404, 20404, 'The requested resource was not found');
      const expected = `Basic ${Buffer.from(`${FAKE_ACCOUNT_SID}:${FAKE_AUTH_TOKEN}`).toString('base64')}`;
      if (request.headers.authorization !== expected || decodeURIComponent(match[1] ?? '') !== FAKE_ACCOUNT_SID) {
        return error(401, 20003, 'Authenticate');
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return error(415, 20415, 'Unsupported media type');
      }
      const params = new URLSearchParams(await readBody(request));
      const to = params.get('To') ?? '';
      const from = params.get('From') ?? params.get('MessagingServiceSid') ?? '';
      const body = params.get('Body') ?? '';
      if (!from) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
      if (!body) return error(400, 21602, 'Message body is required.');
      if (!/^(whatsapp:)?\+[1-9]\d{6,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      const failure = failures.shift();
      if (failure) return error(failure.status, failure.code, failure.message);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const statusCallback = params.get('StatusCallback') ?? undefined;
      received.push({ sid, to, from, body, ...(statusCallback ? { statusCallback } : {}) });
      return answer(201, {
        sid,
        account_sid: FAKE_ACCOUNT_SID,
        to,
        from,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages/${sid}.json`,
      });
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(count, status, code, message = 'Service unavailable') {
      for (let i = 0; i < count; i += 1) failures.push({ status, code, message });
    },
    async statusCallback(sid, status, options = {}) {
      const message = received.find((m) => m.sid === sid);
      if (!message?.statusCallback) throw new Error(`No status callback for ${sid}`);
      const params: Record<string, string> = {
        AccountSid: FAKE_ACCOUNT_SID,
        ApiVersion: '2010-04-01',
        From: message.from,
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(options.errorCode ? { ErrorCode: options.errorCode } : {}),
      };
      return postSigned(message.statusCallback, params, options.token ?? FAKE_AUTH_TOKEN);
    },
    async incoming(url, from, body, options = {}) {
      const params = {
        AccountSid: FAKE_ACCOUNT_SID,
        ApiVersion: '2010-04-01',
        Body: body,
        From: from,
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        NumMedia: '0',
        To: FAKE_FROM,
      };
      return postSigned(url, params, options.token ?? FAKE_AUTH_TOKEN);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
