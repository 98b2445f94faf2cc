/**
 * The outbound message dispatcher (issue 20). Each tick:
 *  1. schedule: reads the changes to households, members, milestones and legs since
 *     its cursor and brings each touched family's queue in line with what
 *     its records call for (domain/messaging.ts plannedMessages);
 *  2. send: claims due messages (one worker per row, see store/messageTypes.ts),
 *     re-reads each family's records, and sends only what is still planned
 *     and switched on: a cancellation, a moved hearing or a withdrawn consent
 *     that reached the server before the send wins. Then records the outcome,
 *     with retries and backoff for what the provider may take later, and an
 *     audit entry for every message sent.
 * Every server process may run one; the claims keep them from sending a
 * message twice.
 */
import { randomUUID } from 'node:crypto';
import {
  messagingConsentSchema,
  plannedMessages,
  type MessageSwitches,
  type MessagingConsent,
  type PlannedMessage,
} from '@waystation/domain/messaging';
import { plannedCallMessages, type CallLike, type PlannedCallMessage } from '@waystation/domain/callbackMessages';
import { chooseTemplate, fillMessageTemplate } from '@waystation/domain/messageTemplates';
import { DEFAULT_MESSAGE_SETTINGS, messageDateTime, type MessageSettings } from '@waystation/domain/messageSettings';
import type { WireDocument } from '@waystation/protocol';
import type { OutboundMessage } from '../../store/messageTypes';
import type { Store } from '../../store/types';
import type { MessageProvider } from './provider';

export const MESSAGE_AUDIT_USER = 'messaging';
export const MESSAGE_AUDIT_DEVICE = 'server';
export const MESSAGE_AUDIT_ACTIONS = {
  sent: 'message_sent',
  consentWithdrawn: 'message_consent_withdrawn',
  settings: 'admin.message_settings',
} as const;

/** Attempts before a message the provider keeps refusing for now ends failed. */
export const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
const SCHEDULE_PAGE = 500;
const WATCHED = ['households', 'people', 'milestones', 'travelLegs', 'calls'] as const;

export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

export interface DispatcherDeps {
  store: Store;
  provider: MessageProvider;
  now: () => Date;
  /** Messages claimed a tick. */
  batchSize?: number;
  /** How long a claim lasts; a worker that has not finished by then is presumed dead. */
  claimMs?: number;
  onError?: (error: unknown) => void;
}

export interface FamilyPlan {
  planned: (PlannedMessage | PlannedCallMessage)[];
  /** The record holding the consent: the household, or the call for call-back messages. */
  household: WireDocument | undefined;
  settings: MessageSettings;
  /** The consent a planned message goes by: the household's (or the call's), or its member's own. */
  consentFor: (message: Pick<PlannedMessage, 'personId'> | PlannedCallMessage) => MessagingConsent | undefined;
}

function consentOf(doc: WireDocument | undefined): MessagingConsent | undefined {
  const parsed = messagingConsentSchema.safeParse(doc?.messaging);
  return parsed.success ? parsed.data : undefined;
}

const NOTHING_PLANNED: Pick<FamilyPlan, 'planned' | 'consentFor'> = { planned: [], consentFor: () => undefined };

/** What to cancel as withdrawn rather than no longer planned: the reminders whose consent was withdrawn. */
function withdrawnKeysOf(planned: FamilyPlan['planned']): string[] {
  return planned.filter((m) => m.state === 'consent_withdrawn').map((m) => m.key);
}

/** What one call calls for now: the call-back promise and its note, to a caller who consented. */
export async function planForCall(store: Store, callId: string, now: Date): Promise<FamilyPlan> {
  const stored = await store.getDocument('calls', callId);
  const call = stored && !stored.deleted ? stored.doc : undefined;
  const settings = (call && (await store.messages.getSettings(String(call.siteId)))) || DEFAULT_MESSAGE_SETTINGS;
  if (!call) return { ...NOTHING_PLANNED, household: call, settings };
  const consent = consentOf(call);
  const planned = plannedCallMessages({ ...(call as unknown as CallLike), messaging: consent }, settings.switches, now);
  return { planned, household: call, settings, consentFor: () => consent };
}

/** What one family's records call for now. */
export async function planForHousehold(store: Store, householdId: string, now: Date): Promise<FamilyPlan> {
  const stored = await store.getDocument('households', householdId);
  const household = stored && !stored.deleted ? stored.doc : undefined;
  const settings = (household && (await store.messages.getSettings(String(household.siteId)))) || DEFAULT_MESSAGE_SETTINGS;
  if (!household) return { ...NOTHING_PLANNED, household, settings };
  const consent = consentOf(household);
  const [milestones, legs, people] = await Promise.all([
    store.messages.householdDocuments('milestones', householdId),
    store.messages.householdDocuments('travelLegs', householdId),
    store.messages.householdDocuments('people', householdId),
  ]);
  const memberConsents: Record<string, MessagingConsent | undefined> = {};
  for (const person of people) memberConsents[person.id] = consentOf(person.doc);
  const switches: MessageSwitches = settings.switches;
  const planned = plannedMessages(
    {
      consent,
      memberConsents,
      milestones: milestones.map((d) => d.doc as unknown as Parameters<typeof plannedMessages>[0]['milestones'][number]),
      legs: legs.map((d) => d.doc as unknown as Parameters<typeof plannedMessages>[0]['legs'][number]),
      switches,
    },
    now,
  );
  return {
    planned,
    household,
    settings,
    consentFor: (message) => ('personId' in message && message.personId ? memberConsents[message.personId] : consent),
  };
}

export class MessageDispatcher {
  readonly worker = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: DispatcherDeps) {}

  get provider(): MessageProvider {
    return this.deps.provider;
  }

  /** Re-plans every family touched since the cursor; returns how many families. */
  async schedule(): Promise<number> {
    const { store } = this.deps;
    const touched = new Set<string>();
    const touchedCalls = new Set<string>();
    const cursors = new Map<string, number>();
    for (const collection of WATCHED) {
      let cursor = await store.messages.cursor(collection);
      for (;;) {
        const page = await store.pull(collection, cursor, SCHEDULE_PAGE);
        for (const stored of page.documents) {
          if (collection === 'calls') {
            touchedCalls.add(stored.id);
            continue;
          }
          const householdId = collection === 'households' ? stored.id : stored.doc.householdId;
          if (typeof householdId === 'string') touched.add(householdId);
        }
        cursor = Math.max(cursor, page.lastSeq);
        if (page.documents.length < SCHEDULE_PAGE) break;
      }
      cursors.set(collection, cursor);
    }
    for (const householdId of touched) await this.replan(householdId);
    for (const callId of touchedCalls) await this.replanCall(callId);
    // Only after the families are re-planned: a crash before this re-reads the same changes, which is harmless.
    for (const [collection, cursor] of cursors) await store.messages.setCursor(collection, cursor);
    return touched.size + touchedCalls.size;
  }

  /** Brings one call's messages in line with the call (grouped under the call's id). */
  async replanCall(callId: string): Promise<void> {
    const now = this.deps.now();
    const { planned, household: call } = await planForCall(this.deps.store, callId, now);
    const queueable = planned.filter((m) => m.state === 'scheduled' || m.state === 'switched_off');
    // Most calls never had consent: nothing was ever queued for them, so no write (the first tick after an
    // upgrade reads every call). Anything queued whose consent went is cancelled at send time anyway.
    if (queueable.length === 0 && call?.messaging === undefined) return;
    await this.deps.store.messages.syncHousehold(callId, queueable, now.toISOString(), { withdrawnKeys: withdrawnKeysOf(planned) });
  }

  /** Brings one family's queue in line with its records. */
  async replan(householdId: string): Promise<void> {
    const now = this.deps.now();
    const { planned } = await planForHousehold(this.deps.store, householdId, now);
    // A kind switched off now may be switched on before its time: it stays queued and is checked at send time.
    const queueable = planned.filter((m) => m.state === 'scheduled' || m.state === 'switched_off');
    await this.deps.store.messages.syncHousehold(householdId, queueable, now.toISOString(), {
      withdrawnKeys: withdrawnKeysOf(planned),
    });
  }

  /** Claims and sends what is due; returns the messages as they ended this round. */
  async sendDue(): Promise<OutboundMessage[]> {
    const { store } = this.deps;
    const now = this.deps.now();
    await store.messages.failExpiredClaims(now.toISOString());
    const claimed = await store.messages.claimDue(
      this.worker,
      now.toISOString(),
      new Date(now.getTime() + (this.deps.claimMs ?? 5 * 60_000)).toISOString(),
      this.deps.batchSize ?? 50,
    );
    const done: OutboundMessage[] = [];
    for (const message of claimed) {
      await this.sendOne(message);
      const after = await store.messages.getMessage(message.key);
      if (after) done.push(after);
    }
    return done;
  }

  private async sendOne(message: OutboundMessage): Promise<void> {
    const { store, provider } = this.deps;
    const now = this.deps.now();
    const at = now.toISOString();
    const finish = (outcome: Parameters<Store['messages']['finish']>[2]) =>
      store.messages.finish(message.key, this.worker, outcome, this.deps.now().toISOString());

    const { planned, settings, consentFor } =
      message.recordCollection === 'calls'
        ? await planForCall(store, message.recordId, now)
        : await planForHousehold(store, message.householdId, now);
    const current = planned.find((m) => m.key === message.key);
    if (!current || current.state !== 'scheduled') {
      await finish({ state: 'cancelled', at, reason: current ? current.state : 'no_longer_planned' });
      return;
    }
    const recipient = consentFor(current);
    if (!recipient) {
      await finish({ state: 'cancelled', at, reason: 'no_consent' });
      return;
    }
    const sentLastMinute = await store.messages.countSentSince(message.siteId, new Date(now.getTime() - 60_000).toISOString());
    if (sentLastMinute >= settings.ratePerMinute) {
      await finish({ state: 'queued', nextAttemptAt: new Date(now.getTime() + 60_000).toISOString(), reason: 'rate_limited' });
      return;
    }

    const chosen = chooseTemplate(current.kind, recipient.language, settings.templates);
    const { date, time } = messageDateTime(current.eventAt, settings.timeZone, chosen.language);
    const body = fillMessageTemplate(
      chosen.template,
      current.recordCollection === 'calls'
        ? { date, time }
        : {
            date,
            time,
            place: current.place ?? '—',
            station: current.place ?? '—',
            reference: current.reference ?? '—',
          },
    );
    const result = await provider.send({
      key: message.key,
      siteId: message.siteId,
      to: recipient.phone,
      channel: recipient.channel,
      body,
    });
    if (result.ok) {
      const sentAt = this.deps.now().toISOString();
      const finished = await finish({
        state: 'sent',
        at: sentAt,
        provider: provider.name,
        providerId: result.providerId,
        channel: recipient.channel,
        language: chosen.language,
        fallback: chosen.fallback,
      });
      if (finished) {
        await store.transaction((tx) =>
          tx.appendAudit({
            at: sentAt,
            userId: MESSAGE_AUDIT_USER,
            deviceId: MESSAGE_AUDIT_DEVICE,
            action: MESSAGE_AUDIT_ACTIONS.sent,
            collection: message.recordCollection === 'calls' ? 'calls' : 'households',
            recordId: message.householdId,
            siteId: message.siteId,
            details: {
              messageKey: message.key,
              to: recipient.phone,
              channel: recipient.channel,
              template: { kind: current.kind, language: chosen.language, fallback: chosen.fallback },
              provider: provider.name,
              providerId: result.providerId,
            },
          }),
        );
      }
      return;
    }
    if (result.outcome === 'retryable' && message.attempts < MAX_ATTEMPTS) {
      await finish({
        state: 'queued',
        nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)).toISOString(),
        reason: result.reason,
      });
      return;
    }
    await finish({ state: 'failed', at, reason: result.reason });
  }

  /** One round: schedule, then send. Rounds never overlap within a process. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.schedule();
        await this.sendDue();
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.deps.onError?.(error));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
