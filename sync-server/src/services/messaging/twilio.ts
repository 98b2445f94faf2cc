/**
 * Twilio's Programmable Messaging API, from its public documentation:
 *  - send: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json,
 *    form-encoded To, From (or MessagingServiceSid), Body, StatusCallback,
 *    HTTP basic auth AccountSid:AuthToken; 201 with the message resource
 *    (`sid` "SM…"), or an error resource {code, message, more_info, status}.
 *    WhatsApp numbers are written "whatsapp:+E164".
 *  - status callbacks and incoming messages: form-encoded POSTs to our URL,
 *    signed with X-Twilio-Signature = base64(HMAC-SHA1(AuthToken, the full
 *    URL followed by each POST parameter's name and value, sorted by name)).
 * Tests run this code against tests/helpers/fakeTwilio.ts, which implements
 * the same contract on 127.0.0.1.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryReport, MessageProvider, OutgoingMessage, SendResult } from './provider';

export const TWILIO_API_BASE = 'https://api.twilio.com';
const SEND_TIMEOUT_MS = 15_000;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender: a Twilio number in E.164, or a messaging service (MG…). */
  from?: string;
  messagingServiceSid?: string;
  /** The WhatsApp sender (E.164 of a WhatsApp-enabled number); absent: WhatsApp messages go from `from`. */
  whatsappFrom?: string;
  /** The public URL Twilio posts status callbacks to (ours, ending in /api/messages/twilio/status). */
  statusCallbackUrl?: string;
  /** Default https://api.twilio.com; tests point it at the local fake. */
  apiBase?: string;
}

interface TwilioError {
  code?: number;
  message?: string;
  status?: number;
}

/** Errors that say the message can never go to this number as it is: retrying changes nothing. */
const FINAL_ERROR_CODES = new Set([21211, 21212, 21408, 21610, 21612, 21614, 63003]);

export class TwilioProvider implements MessageProvider {
  readonly name = 'twilio';

  constructor(private readonly config: TwilioConfig) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const base = this.config.apiBase ?? TWILIO_API_BASE;
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/Messages.json`;
    const whatsapp = message.channel === 'whatsapp';
    const form = new URLSearchParams();
    form.set('To', whatsapp ? `whatsapp:${message.to}` : message.to);
    const from = whatsapp ? (this.config.whatsappFrom ?? this.config.from) : this.config.from;
    if (this.config.messagingServiceSid && !whatsapp) form.set('MessagingServiceSid', this.config.messagingServiceSid);
    else if (from) form.set('From', whatsapp ? `whatsapp:${from}` : from);
    form.set('Body', message.body);
    if (this.config.statusCallbackUrl) form.set('StatusCallback', this.config.statusCallbackUrl);

    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      return connectionFailure(error);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (response.status === 200 || response.status === 201) {
      const sid = typeof json?.sid === 'string' ? json.sid : undefined;
      // Taken, but without the id we cannot follow it: it was sent, so it must not go again.
      if (!sid) return { ok: false, outcome: 'unknown', reason: 'twilio: answer without a message sid' };
      return { ok: true, providerId: sid };
    }
    const error = (json ?? {}) as TwilioError;
    const reason = `twilio ${response.status}${error.code ? ` ${error.code}` : ''}: ${error.message ?? (text.slice(0, 200) || 'no message')}`;
    if (response.status === 429 || response.status >= 500) return { ok: false, outcome: 'retryable', reason };
    if (error.code !== undefined && FINAL_ERROR_CODES.has(error.code)) return { ok: false, outcome: 'final', reason };
    // 401/403 (credentials) and other 4xx: our request is wrong; it will be wrong again until someone fixes the config.
    return { ok: false, outcome: 'final', reason };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Refused or unreachable before the request went: safe to retry. A timeout or a cut answer: it may have been taken. */
function connectionFailure(error: unknown): SendResult {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { name?: string }).name ?? 'error';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH') {
    return { ok: false, outcome: 'retryable', reason: `twilio unreachable: ${code}` };
  }
  return { ok: false, outcome: 'unknown', reason: `twilio: no answer (${code})` };
}

/** X-Twilio-Signature of a form POST to `url` with `params` (the documented algorithm). */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + (params[name] ?? ''), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A status callback's parameters as a delivery report (undefined for an in-between status such as `sending`). */
export function twilioDeliveryReport(params: Readonly<Record<string, string>>): DeliveryReport | undefined {
  const providerId = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!providerId || !status) return undefined;
  switch (status) {
    case 'delivered':
    case 'read':
      return { providerId, state: 'delivered' };
    case 'undelivered':
    case 'failed':
      return { providerId, state: 'failed', reason: `twilio ${status}${params.ErrorCode ? ` ${params.ErrorCode}` : ''}` };
    case 'sent':
      return { providerId, state: 'sent' };
    default:
      return undefined;
  }
}

/** The sender of an incoming message, without the "whatsapp:" prefix. */
export function twilioSender(params: Readonly<Record<string, string>>): string | undefined {
  const from = params.From;
  return from ? from.replace(/^whatsapp:/, '') : undefined;
}
