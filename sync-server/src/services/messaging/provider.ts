/**
 * The one interface every message provider implements (issue 20): `log`
 * (the default, sends nothing) and `twilio` (Twilio's Messages API). The
 * dispatcher knows nothing of a provider's HTTP; a provider knows nothing
 * of the queue.
 */
import type { MessageChannel } from '@waystation/domain/messaging';

export interface OutgoingMessage {
  /** The queue's key: unique per reminder, used as the provider-side reference where it takes one. */
  key: string;
  siteId: string;
  /** E.164. */
  to: string;
  channel: MessageChannel;
  body: string;
}

export type SendResult =
  | { ok: true; providerId: string }
  /**
   * retryable: the provider did not take it and may later (a 5xx, 429, a
   * refused connection). unknown: it may have taken it (the answer was lost);
   * never retried, so a family never gets a message twice.
   */
  | { ok: false; outcome: 'retryable' | 'final' | 'unknown'; reason: string };

export type DeliveryReport = { providerId: string; state: 'sent' | 'delivered' | 'failed'; reason?: string };

export interface MessageProvider {
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** A phone number as the server log may show it: country code and last two digits. */
export function maskedPhone(phone: string): string {
  return phone.length <= 6 ? '***' : `${phone.slice(0, 3)}…${phone.slice(-2)}`;
}
