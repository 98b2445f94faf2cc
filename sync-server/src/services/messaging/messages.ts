/**
 * What the messages routes do (no HTTP here): a family's messages, the
 * failures coordinators act on, a site's settings, delivery reports and
 * replies that withdraw consent.
 */
import { canRead } from '@waystation/domain/access';
import { messagingConsentSchema, withConsentWithdrawn } from '@waystation/domain/messaging';
import { isStopReply } from '@waystation/domain/messageTemplates';
import { DEFAULT_MESSAGE_SETTINGS, type MessageSettings } from '@waystation/domain/messageSettings';
import {
  callMessagesQuerySchema,
  familyMessagesQuerySchema,
  loggedMessageSchema,
  saveMessageSettingsSchema,
  siteSettingsQuerySchema,
  type MessageListResponse,
  type MessageSettingsResponse,
  type RecentMessagesResponse,
} from '@waystation/protocol/api';
import type { WireDocument } from '@waystation/protocol';
import type { Store } from '../../store/types';
import type { Principal } from '../actor';
import { forbidden } from '../access';
import { AUDIT_ACTIONS, fieldChanges } from '../audit';
import type { ChangeNotifier } from '../changes';
import { InputError, parseBody } from '../errors';
import { MESSAGE_AUDIT_ACTIONS, MESSAGE_AUDIT_DEVICE, MESSAGE_AUDIT_USER } from './dispatcher';
import type { DeliveryReport } from './provider';

export interface MessagesDeps {
  store: Store;
  now: () => Date;
  notifier?: ChangeNotifier;
}

const LIST_LIMIT = 200;

function mayReadMessages(principal: Principal): boolean {
  return principal.roles.includes('admin') || canRead(principal.roles, 'households');
}

/** Admins see every site; everyone else their own. */
function visibleSites(principal: Principal): string[] | undefined {
  return principal.roles.includes('admin') ? undefined : principal.siteIds;
}

export async function familyMessages(deps: MessagesDeps, principal: Principal, query: unknown): Promise<MessageListResponse> {
  const parsed = familyMessagesQuerySchema.safeParse(query);
  if (!parsed.success) throw new InputError('invalid_query', 'householdId is required');
  if (!mayReadMessages(principal)) throw forbidden('Your role may not read families');
  const sites = visibleSites(principal);
  const messages = await deps.store.messages.listMessages({
    householdId: parsed.data.householdId,
    ...(sites ? { siteIds: sites } : {}),
    limit: LIST_LIMIT,
  });
  // A call's messages are grouped under the call's id: never a family's, whoever asks.
  return { messages: messages.filter((m) => m.recordCollection !== 'calls') };
}

/** The messages of one helpline call (its call-back promise and note), for those who read calls. */
export async function callMessages(deps: MessagesDeps, principal: Principal, query: unknown): Promise<MessageListResponse> {
  const parsed = callMessagesQuerySchema.safeParse(query);
  if (!parsed.success) throw new InputError('invalid_query', 'callId is required');
  if (!principal.roles.includes('admin') && !canRead(principal.roles, 'calls')) throw forbidden('Your role may not read calls');
  const sites = visibleSites(principal);
  const messages = await deps.store.messages.listMessages({
    householdId: parsed.data.callId,
    ...(sites ? { siteIds: sites } : {}),
    limit: LIST_LIMIT,
  });
  return { messages: messages.filter((m) => m.recordCollection === 'calls') };
}

/** For an administrator: the messages last changed, with their state, and the bodies the log provider wrote. */
export async function recentMessages(deps: MessagesDeps, principal: Principal, providerName: string): Promise<RecentMessagesResponse> {
  if (!principal.roles.includes('admin')) throw forbidden('Only administrators may do this');
  const [messages, logged] = await Promise.all([
    deps.store.messages.listMessages({ order: 'updated', limit: LIST_LIMIT }),
    deps.store.messages.listLogged(undefined, LIST_LIMIT),
  ]);
  return {
    provider: providerName,
    messages,
    // Written by this server's own log provider: a row that does not fit the contract is left out, not sent half-read.
    logged: logged.flatMap((m) => {
      const parsed = loggedMessageSchema.safeParse(m);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

export async function failedMessages(deps: MessagesDeps, principal: Principal): Promise<MessageListResponse> {
  if (!principal.roles.includes('admin') && !principal.roles.includes('coordinator')) {
    throw forbidden('Only coordinators and administrators see failed messages');
  }
  const sites = visibleSites(principal);
  return {
    messages: await deps.store.messages.listMessages({
      states: ['failed'],
      ...(sites ? { siteIds: sites } : {}),
      limit: LIST_LIMIT,
    }),
  };
}

export async function siteSettings(deps: MessagesDeps, principal: Principal, query: unknown): Promise<MessageSettingsResponse> {
  const parsed = siteSettingsQuerySchema.safeParse(query);
  if (!parsed.success) throw new InputError('invalid_query', 'siteId is required');
  const { siteId } = parsed.data;
  if (!principal.roles.includes('admin') && !principal.siteIds.includes(siteId)) throw forbidden('Not one of your sites');
  return { siteId, settings: (await deps.store.messages.getSettings(siteId)) ?? DEFAULT_MESSAGE_SETTINGS };
}

export async function saveSiteSettings(deps: MessagesDeps, principal: Principal, body: unknown): Promise<MessageSettingsResponse> {
  if (!principal.roles.includes('admin')) throw forbidden('Only administrators may do this');
  const { siteId, settings } = parseBody(saveMessageSettingsSchema, body, 'The messaging settings');
  if (!(await deps.store.getSite(siteId))) throw new InputError('not_found', `There is no site ${siteId}`);
  const before: MessageSettings = (await deps.store.messages.getSettings(siteId)) ?? DEFAULT_MESSAGE_SETTINGS;
  const at = deps.now().toISOString();
  await deps.store.messages.putSettings(siteId, settings, principal.userId, at);
  await deps.store.transaction((tx) =>
    tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: MESSAGE_AUDIT_ACTIONS.settings,
      siteId,
      details: fieldChanges(before as never, settings as never),
    }),
  );
  return { siteId, settings };
}

export async function recordDelivery(deps: MessagesDeps, report: DeliveryReport): Promise<boolean> {
  const updated = await deps.store.messages.reportDelivery(
    report.providerId,
    { state: report.state, ...(report.reason ? { reason: report.reason } : {}) },
    deps.now().toISOString(),
  );
  return updated !== undefined;
}

/**
 * An incoming reply. STOP (or an equivalent) withdraws the consent of every
 * family, every member with their own, and every helpline caller's call,
 * whose messaging number it came from: written on the record as a new
 * version (devices pull it), audited, and their queued messages cancelled.
 * Returns how many records.
 */
export async function handleReply(deps: MessagesDeps, from: string, text: string): Promise<number> {
  if (!isStopReply(text)) return 0;
  let withdrawn = 0;
  for (const collection of ['households', 'people', 'calls'] as const) {
    for (const found of await deps.store.messages.byMessagingPhone(collection, from)) {
      if (await withdrawConsent(deps, collection, found.id, from)) withdrawn += 1;
    }
  }
  return withdrawn;
}

async function withdrawConsent(
  deps: MessagesDeps,
  collection: 'households' | 'people' | 'calls',
  id: string,
  from: string,
): Promise<boolean> {
  const at = deps.now().toISOString();
  const written = await deps.store.transaction(async (tx) => {
    const current = (await tx.getDocuments(collection, [id])).get(id);
    if (!current || current.deleted) return undefined;
    const consent = messagingConsentSchema.safeParse(current.doc.messaging);
    if (!consent.success || consent.data.phone !== from || consent.data.withdrawnAt) return undefined;
    // Only consent changes: derived fields stay as they are.
    const next: WireDocument = {
      ...current.doc,
      messaging: withConsentWithdrawn(consent.data, { at: new Date(at), how: 'reply_stop' }),
      updatedAt: at,
      updatedBy: MESSAGE_AUDIT_USER,
      deviceId: MESSAGE_AUDIT_DEVICE,
    };
    const seq = await tx.putDocument(collection, next, current.siteId);
    await tx.appendAudit({
      at,
      userId: MESSAGE_AUDIT_USER,
      deviceId: MESSAGE_AUDIT_DEVICE,
      action: AUDIT_ACTIONS.change,
      collection,
      recordId: current.id,
      siteId: current.siteId,
      details: fieldChanges(current.doc, next),
    });
    await tx.appendAudit({
      at,
      userId: MESSAGE_AUDIT_USER,
      deviceId: MESSAGE_AUDIT_DEVICE,
      action: MESSAGE_AUDIT_ACTIONS.consentWithdrawn,
      collection,
      recordId: current.id,
      siteId: current.siteId,
      details: { how: 'reply_stop' },
    });
    return { seq, siteId: current.siteId };
  });
  if (!written) return false;
  deps.notifier?.publish(collection, written.seq, written.siteId);
  // The queue groups a call's messages under the call's id, a family's under the household's. A member's own
  // reminders sit among their family's: the dispatcher's next round re-plans the family (and every send re-reads it).
  if (collection !== 'people') await deps.store.messages.syncHousehold(id, [], at, { reason: 'consent_withdrawn' });
  return true;
}
