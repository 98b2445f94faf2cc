/**
 * The outbound message queue's storage (issue 20), part of the Store:
 * sqliteMessages.ts and postgresMessages.ts implement it alike.
 *
 * A message is claimed before it is sent: a claim moves due rows from
 * `queued` to `sending` in one statement (PostgreSQL: FOR UPDATE SKIP LOCKED;
 * SQLite: one UPDATE … RETURNING, writers being serialised), naming the
 * claiming worker, so two server processes never claim the same row. Only the
 * worker that holds a claim can finish it.
 */
import type { MessageSettings } from '@waystation/domain/messageSettings';
import type { PlannedMessage } from '@waystation/domain/messaging';
import type { PlannedCallMessage } from '@waystation/domain/callbackMessages';
import type { OutboundMessage, OutboundState } from '@waystation/protocol/api';
import type { StoredDocument } from './types';

export type { OutboundMessage, OutboundState };

/** What a planned reminder (or call-back message, grouped under its call's id) puts in the queue. */
export type QueuedReminder = Pick<
  PlannedMessage | PlannedCallMessage,
  'key' | 'siteId' | 'householdId' | 'recordCollection' | 'recordId' | 'kind' | 'lead' | 'eventAt' | 'sendAt'
>;

/** How a claimed message ended this attempt. */
export type MessageOutcome =
  | {
      state: 'sent';
      at: string;
      provider: string;
      providerId: string;
      channel: string;
      language: string;
      fallback: boolean;
    }
  | { state: 'queued'; nextAttemptAt: string; reason: string }
  | { state: 'failed'; reason: string; at: string }
  | { state: 'cancelled'; at: string; reason: string };

export interface MessageFilter {
  householdId?: string;
  siteIds?: readonly string[];
  states?: readonly OutboundState[];
  /** Newest send time first (default), or last changed first. */
  order?: 'send' | 'updated';
  limit: number;
}

/** A message the log provider wrote instead of sending it (the admin screen shows it). */
export interface LoggedMessage {
  key: string;
  siteId: string;
  /** E.164. */
  to: string;
  channel: string;
  body: string;
  at: string;
}

/** Why the queue cancels what a family's records no longer call for. */
export type CancelReason = 'no_longer_planned' | 'consent_withdrawn';

/** How many logged messages a site keeps: the newest. */
export const LOGGED_MESSAGES_KEPT = 200;

export interface MessageStore {
  /**
   * Brings one family's queue in line with what its records call for now:
   * reminders not yet queued are added (an existing key is left as it is),
   * and queued ones no longer planned are cancelled, with the failure reason
   * `consent_withdrawn` for the keys in `cancel.withdrawnKeys` and
   * `cancel.reason` (default `no_longer_planned`) for the rest. Returns how
   * many were added and cancelled.
   */
  syncHousehold(
    householdId: string,
    planned: readonly QueuedReminder[],
    at: string,
    cancel?: { reason?: CancelReason; withdrawnKeys?: readonly string[] },
  ): Promise<{ added: number; cancelled: number }>;
  /**
   * Claims up to `limit` queued messages due at `now` for `worker` until
   * `claimUntil`. A row is claimed by one worker only.
   */
  claimDue(worker: string, now: string, claimUntil: string, limit: number): Promise<OutboundMessage[]>;
  /**
   * Claims whose holder did not finish by their deadline (the process died
   * mid-send): whether the provider took the message is unknown, so they end
   * failed rather than risk a second send. Returns them.
   */
  failExpiredClaims(now: string): Promise<OutboundMessage[]>;
  /** Records how a claimed message ended; false when `worker` no longer holds the claim (nothing written). */
  finish(key: string, worker: string, outcome: MessageOutcome, at: string): Promise<boolean>;
  /** A delivery report from the provider; undefined when no message has that provider id. */
  reportDelivery(
    providerId: string,
    report: { state: 'delivered' | 'failed' | 'sent'; reason?: string },
    at: string,
  ): Promise<OutboundMessage | undefined>;
  getMessage(key: string): Promise<OutboundMessage | undefined>;
  listMessages(filter: MessageFilter): Promise<OutboundMessage[]>;
  /** Messages of the site sent at or after `since` (the rate limit). */
  countSentSince(siteId: string, since: string): Promise<number>;

  /** The live records of one family in a collection (milestones, travel legs). */
  householdDocuments(collection: string, householdId: string): Promise<StoredDocument[]>;
  /** Live records of a collection (households, people, calls) whose messaging consent names this number. */
  byMessagingPhone(collection: 'households' | 'people' | 'calls', phone: string): Promise<StoredDocument[]>;

  getSettings(siteId: string): Promise<MessageSettings | undefined>;
  putSettings(siteId: string, settings: MessageSettings, by: string, at: string): Promise<void>;

  /** Keeps what the log provider wrote (once per key), dropping the site's oldest beyond LOGGED_MESSAGES_KEPT. */
  keepLogged(message: LoggedMessage): Promise<void>;
  /** What the log provider wrote, newest first; only these sites' when given. */
  listLogged(siteIds: readonly string[] | undefined, limit: number): Promise<LoggedMessage[]>;
  /** Forgets what was logged for these families or calls (an erasure); returns how many. */
  forgetLogged(groupIds: readonly string[]): Promise<number>;

  /** How far a reader has gone through a collection's changes (0 at first): the scheduler by the collection's name, the verifier follower as `verifiers:<collection>`. */
  cursor(collection: string): Promise<number>;
  setCursor(collection: string, seq: number): Promise<void>;
}
