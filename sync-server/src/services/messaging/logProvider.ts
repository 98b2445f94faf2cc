/**
 * The default provider: sends nothing. Each message goes to the server log
 * (without its body or full number: the log is not the place for a family's
 * hearing) and, whole, to the store's short list of logged messages (bounded
 * per site, kept across restarts) that the administrator's Messages screen
 * shows, so `npm start` needs no account and an administrator can read what
 * would go out.
 */
import { createHash } from 'node:crypto';
import type { LoggedMessage } from '../../store/messageTypes';
import type { MessageProvider, OutgoingMessage, SendResult } from './provider';
import { maskedPhone } from './provider';

export type { LoggedMessage };

export interface LogSink {
  info(details: Record<string, unknown>, message: string): void;
}

/** Where logged messages are kept (the store's messages part). */
export interface LoggedMessageKeeper {
  keepLogged(message: LoggedMessage): Promise<void>;
}

export class LogProvider implements MessageProvider {
  readonly name = 'log';

  constructor(
    private readonly log: LogSink,
    private readonly keeper: LoggedMessageKeeper,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    // Kept before it counts as sent: a message the screen cannot show was not "written" anywhere.
    await this.keeper.keepLogged({
      key: message.key,
      siteId: message.siteId,
      to: message.to,
      channel: message.channel,
      body: message.body,
      at: this.now().toISOString(),
    });
    this.log.info(
      { messageKey: message.key, siteId: message.siteId, channel: message.channel, to: maskedPhone(message.to) },
      'message logged, not sent (MESSAGING_PROVIDER=log)',
    );
    return { ok: true, providerId: `log-${createHash('sha256').update(message.key).digest('hex').slice(0, 24)}` };
  }
}
