/**
 * The default provider: sends nothing. Each message goes to the server log
 * (without its body or full number: the log is not the place for a family's
 * hearing) and, whole, to a short in-memory list the admin screen shows, so
 * `npm start` needs no account and an administrator can read what would go out.
 */
import { createHash } from 'node:crypto';
import type { MessageProvider, OutgoingMessage, SendResult } from './provider';
import { maskedPhone } from './provider';

export const LOGGED_MESSAGES_KEPT = 200;

export interface LoggedMessage extends OutgoingMessage {
  at: string;
}

export interface LogSink {
  info(details: Record<string, unknown>, message: string): void;
}

export class LogProvider implements MessageProvider {
  readonly name = 'log';
  private readonly kept: LoggedMessage[] = [];

  constructor(
    private readonly log: LogSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.kept.unshift({ ...message, at: this.now().toISOString() });
    this.kept.length = Math.min(this.kept.length, LOGGED_MESSAGES_KEPT);
    this.log.info(
      { messageKey: message.key, siteId: message.siteId, channel: message.channel, to: maskedPhone(message.to) },
      'message logged, not sent (MESSAGING_PROVIDER=log)',
    );
    return { ok: true, providerId: `log-${createHash('sha256').update(message.key).digest('hex').slice(0, 24)}` };
  }

  /** Newest first. */
  logged(siteIds?: readonly string[]): LoggedMessage[] {
    return siteIds ? this.kept.filter((m) => siteIds.includes(m.siteId)) : [...this.kept];
  }
}
