/**
 * What a family's page shows about messages: the reminders its records call
 * for, worked out on the device (so they show offline, and a cancellation
 * shows at once), joined with what the server last said it did with each
 * (sent, delivered, failed). The site's switches and templates come from
 * useMessageSettings (kept for offline); the server's answer from the last
 * time this session was online.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNow } from '../../app/useNow';
import { MESSAGES_OFF, plannedMessages, type MessagingConsent, type PlannedMessage } from '../../domain/messaging';
import { chooseTemplate } from '../../domain/messageTemplates';
import type { Person } from '../../domain/person';
import type { OutboundMessage } from '../../sync/api/messages';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { useHouseholdMilestones } from '../cases';
import { useHouseholdLegs } from '../travel';
import { api } from '../../sync/apiClient';
import { useMessageSettings } from './useMessageSettings';

export type FamilyMessageState =
  | 'scheduled'
  | 'cancelled'
  | 'switched_off'
  | 'consent_withdrawn'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'failed';

export interface FamilyMessageRow {
  key: string;
  /**
   * Whose number: the family's, or a member's own (`personId`); `unknown` for one sent before the records
   * changed, which the device no longer plans (the server's answer does not say).
   */
  recipient: 'family' | 'member' | 'unknown';
  personId?: string;
  kind: PlannedMessage['kind'];
  lead: PlannedMessage['lead'];
  sendAt: string;
  eventAt: string;
  state: FamilyMessageState;
  /** Where the device can cancel it: the record and the key on it. */
  cancel?: { collection: PlannedMessage['recordCollection']; id: string; cancelKey: string };
  language: string;
  /** The recipient's language, which `language` falls back from when there is no template in it. */
  recipientLanguage: string;
  fallback: boolean;
  failureReason?: string;
}

/** The server's last answer per family, for this session (not stored: it names what was sent to whom). */
const lastServerAnswer = new Map<string, OutboundMessage[]>();

const SERVER_REFRESH_MS = 15_000;

export function useFamilyMessages(
  householdId: string,
  siteId: string,
  consent: MessagingConsent | undefined,
  members: readonly Pick<Person, 'id' | 'messaging'>[],
) {
  const milestones = useHouseholdMilestones(householdId);
  const legs = useHouseholdLegs(householdId);
  const online = useSyncStatus((s) => s.online);
  const now = useNow();
  const settings = useMessageSettings(siteId);
  const [server, setServer] = useState<OutboundMessage[] | undefined>(() => lastServerAnswer.get(householdId));

  useEffect(() => {
    if (!online) return;
    let live = true;
    const refresh = () => {
      api.messages
        .family(householdId)
        .then((messages) => {
          if (!live) return;
          lastServerAnswer.set(householdId, messages);
          setServer(messages);
        })
        .catch(() => undefined);
    };
    refresh();
    const timer = window.setInterval(refresh, SERVER_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [online, householdId]);

  const rows = useMemo((): FamilyMessageRow[] => {
    if (!milestones || !legs) return [];
    const switches = settings?.switches ?? MESSAGES_OFF;
    const memberConsents = Object.fromEntries(members.map((member) => [member.id, member.messaging]));
    const planned = plannedMessages({ consent, memberConsents, milestones, legs, switches }, now);
    const byKey = new Map((server ?? []).map((m) => [m.key, m]));
    const out: FamilyMessageRow[] = [];
    for (const message of planned) {
      if (message.state === 'too_late') continue;
      const sent = byKey.get(message.key);
      byKey.delete(message.key);
      const language = (message.personId ? memberConsents[message.personId] : consent)?.language ?? 'en';
      const chosen = chooseTemplate(message.kind, language, settings?.templates);
      const done = sent && (sent.state === 'sent' || sent.state === 'delivered' || sent.state === 'failed' || sent.state === 'sending');
      out.push({
        key: message.key,
        recipient: message.personId ? 'member' : 'family',
        ...(message.personId ? { personId: message.personId } : {}),
        kind: message.kind,
        lead: message.lead,
        sendAt: message.sendAt,
        eventAt: message.eventAt,
        state: done ? sent.state : message.state,
        ...(!done && message.state === 'scheduled'
          ? { cancel: { collection: message.recordCollection, id: message.recordId, cancelKey: message.cancelKey } }
          : {}),
        language: sent?.language ?? chosen.language,
        recipientLanguage: language,
        fallback: sent?.fallback ?? chosen.fallback,
        ...(sent?.failureReason && done ? { failureReason: sent.failureReason } : {}),
      });
    }
    // Sent before the records changed (a hearing moved after its reminder went): still part of the story.
    for (const sent of byKey.values()) {
      if (sent.state !== 'sent' && sent.state !== 'delivered' && sent.state !== 'failed') continue;
      // The family's page lists reminders; a call's messages are the call's.
      if (sent.kind !== 'hearing' && sent.kind !== 'ice_checkin' && sent.kind !== 'departure') continue;
      if (sent.lead === 'at') continue;
      out.push({
        key: sent.key,
        kind: sent.kind,
        lead: sent.lead,
        sendAt: sent.sentAt ?? sent.sendAt,
        eventAt: sent.eventAt,
        state: sent.state,
        recipient: 'unknown',
        language: sent.language ?? 'en',
        recipientLanguage: consent?.language ?? 'en',
        fallback: sent.fallback ?? false,
        ...(sent.failureReason ? { failureReason: sent.failureReason } : {}),
      });
    }
    return out.sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.key.localeCompare(b.key));
  }, [milestones, legs, settings, server, consent, members, now]);

  return { rows, loading: !milestones || !legs, settingsKnown: settings !== undefined };
}
