/**
 * The outbound message queue's statements written once for both databases
 * (see dialect.ts and messageTypes.ts). What stays per database: the claim
 * (PostgreSQL's FOR UPDATE SKIP LOCKED lets several processes claim disjoint
 * rows without waiting) and the two lookups by a field inside a record's JSON
 * (`json_extract` and `->>`), in sqliteMessages.ts and postgresMessages.ts.
 */
import { sql } from 'kysely';
import { messageSettingsSchema, type MessageSettings } from '@waystation/domain/messageSettings';
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';
import {
  LOGGED_MESSAGES_KEPT,
  type CancelReason,
  type LoggedMessage,
  type MessageFilter,
  type MessageOutcome,
  type OutboundMessage,
  type QueuedReminder,
} from './messageTypes';

interface MessageTables {
  outbound_messages: {
    message_key: string;
    site_id: string;
    household_id: string;
    record_collection: string;
    record_id: string;
    kind: string;
    lead: string;
    event_at: unknown;
    send_at: unknown;
    state: string;
    attempts: number;
    next_attempt_at: unknown;
    channel: string | null;
    language: string | null;
    fallback: unknown;
    provider: string | null;
    provider_id: string | null;
    failure_reason: string | null;
    sent_at: unknown;
    delivered_at: unknown;
    claimed_by: string | null;
    claimed_until: unknown;
    created_at: unknown;
    updated_at: unknown;
  };
  message_settings: { site_id: string; settings: unknown; updated_at: unknown; updated_by: string };
  logged_messages: {
    message_key: string;
    site_id: string;
    recipient: string;
    channel: string;
    body: string;
    logged_at: unknown;
  };
  message_cursor: { collection: string; seq: unknown };
}

/** Stored settings are data from an earlier write: ones that no longer parse read as absent. */
function storedSettings(value: unknown): MessageSettings | undefined {
  const parsed = messageSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What a claimed message's row becomes when its sending ends: the claim always goes. */
const UNCLAIMED = { claimed_by: null, claimed_until: null } as const;

export function messageQueries(dialect: Dialect, schema?: string) {
  const db = compilerFor<MessageTables>(dialect, schema);
  const codec = CODECS[dialect];
  const given = (value: unknown) => value !== null && value !== undefined;

  /** A stored row as the API's message (the row was written by this code: its enums hold). */
  function toMessage(row: Row): OutboundMessage {
    const message: OutboundMessage = {
      key: String(row.message_key),
      siteId: String(row.site_id),
      householdId: String(row.household_id),
      recordCollection: row.record_collection as OutboundMessage['recordCollection'],
      recordId: String(row.record_id),
      kind: row.kind as OutboundMessage['kind'],
      lead: row.lead as OutboundMessage['lead'],
      eventAt: codec.readTime(row.event_at),
      sendAt: codec.readTime(row.send_at),
      state: row.state as OutboundMessage['state'],
      attempts: codec.readInt(row.attempts),
      nextAttemptAt: codec.readTime(row.next_attempt_at),
      updatedAt: codec.readTime(row.updated_at),
    };
    if (given(row.channel)) message.channel = row.channel as NonNullable<OutboundMessage['channel']>;
    if (given(row.language)) message.language = String(row.language);
    if (given(row.fallback)) message.fallback = codec.readBool(row.fallback);
    if (given(row.provider)) message.provider = String(row.provider);
    if (given(row.provider_id)) message.providerId = String(row.provider_id);
    if (given(row.failure_reason)) message.failureReason = String(row.failure_reason);
    if (given(row.sent_at)) message.sentAt = codec.readTime(row.sent_at);
    if (given(row.delivered_at)) message.deliveredAt = codec.readTime(row.delivered_at);
    return message;
  }

  function toLogged(row: Row): LoggedMessage {
    return {
      key: String(row.message_key),
      siteId: String(row.site_id),
      to: String(row.recipient),
      channel: String(row.channel),
      body: String(row.body),
      at: codec.readTime(row.logged_at),
    };
  }

  const claimedBy = (key: string, worker: string) =>
    db
      .updateTable('outbound_messages')
      .where('message_key', '=', key)
      .where('claimed_by', '=', worker)
      .where('state', '=', 'sending');

  return {
    toMessage,
    toLogged,
    toSettings: (row: Row) => storedSettings(codec.readJson(row.settings)),

    /** Reminders not yet queued are added; one already queued (by key) is left as it is. */
    queueReminders: (planned: readonly QueuedReminder[], at: string) =>
      db
        .insertInto('outbound_messages')
        .values(
          planned.map((m) => ({
            message_key: m.key,
            site_id: m.siteId,
            household_id: m.householdId,
            record_collection: m.recordCollection,
            record_id: m.recordId,
            kind: m.kind,
            lead: m.lead,
            event_at: m.eventAt,
            send_at: m.sendAt,
            state: 'queued',
            attempts: 0,
            next_attempt_at: m.sendAt,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((conflict) => conflict.column('message_key').doNothing())
        .compile(),

    /** Queued ones of the family no longer planned are cancelled: `consent_withdrawn` for the withdrawn keys. */
    cancelUnplanned: (
      householdId: string,
      planned: readonly QueuedReminder[],
      at: string,
      cancel: { reason?: CancelReason; withdrawnKeys?: readonly string[] },
    ) => {
      const plannedKeys = planned.map((m) => m.key);
      const reason = cancel.reason ?? 'no_longer_planned';
      const withdrawnKeys = cancel.withdrawnKeys ?? [];
      let query = db
        .updateTable('outbound_messages')
        .set((eb) => ({
          state: 'cancelled',
          updated_at: at,
          failure_reason:
            withdrawnKeys.length === 0
              ? reason
              : eb
                  .case()
                  .when('message_key', 'in', [...withdrawnKeys])
                  .then('consent_withdrawn')
                  .else(reason)
                  .end(),
        }))
        .where('household_id', '=', householdId)
        .where('state', '=', 'queued');
      if (plannedKeys.length > 0) query = query.where('message_key', 'not in', [...plannedKeys]);
      return query.compile();
    },

    /** A claim that outlived its time: the send may or may not have reached the provider, so it is never retried. */
    failExpiredClaims: (now: string) =>
      db
        .updateTable('outbound_messages')
        .set({ state: 'failed', failure_reason: 'outcome_unknown', ...UNCLAIMED, updated_at: now })
        .where('state', '=', 'sending')
        .where('claimed_until', '<', now)
        .returningAll()
        .compile(),

    /** Only the worker holding the claim ends it. */
    finish: (key: string, worker: string, outcome: MessageOutcome, at: string) => {
      switch (outcome.state) {
        case 'sent':
          return claimedBy(key, worker)
            .set({
              state: 'sent',
              sent_at: outcome.at,
              provider: outcome.provider,
              provider_id: outcome.providerId,
              channel: outcome.channel,
              language: outcome.language,
              fallback: codec.bool(outcome.fallback),
              failure_reason: null,
              ...UNCLAIMED,
              updated_at: at,
            })
            .compile();
        case 'queued':
          return claimedBy(key, worker)
            .set({
              state: 'queued',
              next_attempt_at: outcome.nextAttemptAt,
              failure_reason: outcome.reason,
              ...UNCLAIMED,
              updated_at: at,
            })
            .compile();
        case 'failed':
        case 'cancelled':
          return claimedBy(key, worker)
            .set({ state: outcome.state, failure_reason: outcome.reason, ...UNCLAIMED, updated_at: at })
            .compile();
      }
    },

    reportDelivery: (
      providerId: string,
      report: { state: 'delivered' | 'failed' | 'sent'; reason?: string },
      at: string,
    ) =>
      db
        .updateTable('outbound_messages')
        .set({
          state: report.state,
          failure_reason: report.reason ?? null,
          delivered_at: report.state === 'delivered' ? at : sql.ref('delivered_at'),
          updated_at: at,
        })
        .where('provider_id', '=', providerId)
        .where('state', 'in', ['sent', 'delivered', 'failed'])
        .returningAll()
        .compile(),

    getMessage: (key: string) =>
      db.selectFrom('outbound_messages').selectAll().where('message_key', '=', key).compile(),

    listMessages: (filter: MessageFilter) => {
      let query = db.selectFrom('outbound_messages').selectAll();
      if (filter.householdId !== undefined) query = query.where('household_id', '=', filter.householdId);
      // An empty list matches nothing (an empty IN list is not SQL).
      if (filter.siteIds !== undefined)
        query =
          filter.siteIds.length === 0
            ? query.where(sql<boolean>`1 = 0`)
            : query.where('site_id', 'in', [...filter.siteIds]);
      if (filter.states !== undefined)
        query =
          filter.states.length === 0
            ? query.where(sql<boolean>`1 = 0`)
            : query.where('state', 'in', [...filter.states]);
      return query
        .orderBy(filter.order === 'updated' ? 'updated_at' : 'send_at', 'desc')
        .orderBy('message_key')
        .limit(filter.limit)
        .compile();
    },

    countSentSince: (siteId: string, since: string) =>
      db
        .selectFrom('outbound_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('site_id', '=', siteId)
        .where('sent_at', '>=', since)
        .compile(),

    getSettings: (siteId: string) =>
      db.selectFrom('message_settings').select('settings').where('site_id', '=', siteId).compile(),

    putSettings: (siteId: string, settings: MessageSettings, by: string, at: string) =>
      db
        .insertInto('message_settings')
        .values({ site_id: siteId, settings: codec.json(settings), updated_at: at, updated_by: by })
        .onConflict((conflict) =>
          conflict.column('site_id').doUpdateSet((eb) => ({
            settings: eb.ref('excluded.settings'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .compile(),

    keepLogged: (message: LoggedMessage) =>
      db
        .insertInto('logged_messages')
        .values({
          message_key: message.key,
          site_id: message.siteId,
          recipient: message.to,
          channel: message.channel,
          body: message.body,
          logged_at: message.at,
        })
        .onConflict((conflict) => conflict.column('message_key').doNothing())
        .compile(),

    /** A site keeps its newest LOGGED_MESSAGES_KEPT logged messages. */
    trimLogged: (siteId: string) =>
      db
        .deleteFrom('logged_messages')
        .where('site_id', '=', siteId)
        .where('message_key', 'not in', (eb) =>
          eb
            .selectFrom('logged_messages')
            .select('message_key')
            .where('site_id', '=', siteId)
            .orderBy('logged_at', 'desc')
            .orderBy('message_key', 'desc')
            .limit(LOGGED_MESSAGES_KEPT),
        )
        .compile(),

    listLogged: (siteIds: readonly string[] | undefined, limit: number) => {
      let query = db.selectFrom('logged_messages').selectAll();
      if (siteIds !== undefined)
        query =
          siteIds.length === 0
            ? query.where(sql<boolean>`1 = 0`)
            : query.where('site_id', 'in', [...siteIds]);
      return query.orderBy('logged_at', 'desc').orderBy('message_key', 'desc').limit(limit).compile();
    },

    /** The logged copies of the families' messages (an erasure). Ids: at least one. */
    forgetLogged: (householdIds: readonly string[]) =>
      db
        .deleteFrom('logged_messages')
        .where('message_key', 'in', (eb) =>
          eb
            .selectFrom('outbound_messages')
            .select('message_key')
            .where('household_id', 'in', [...householdIds]),
        )
        .compile(),

    cursor: (collection: string) =>
      db.selectFrom('message_cursor').select('seq').where('collection', '=', collection).compile(),

    /** The cursor only moves forward. */
    setCursor: (collection: string, seq: number) =>
      db
        .insertInto('message_cursor')
        .values({ collection, seq })
        .onConflict((conflict) =>
          conflict.column('collection').doUpdateSet({
            seq: sql`case when ${sql.ref('excluded.seq')} > ${sql.ref('message_cursor.seq')}
              then ${sql.ref('excluded.seq')} else ${sql.ref('message_cursor.seq')} end`,
          }),
        )
        .compile(),
  };
}
