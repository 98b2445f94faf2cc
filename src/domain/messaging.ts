/**
 * Messages to families (issue 20): consent, and which reminders a family is
 * due. Pure, so the device shows what is scheduled offline and the server's
 * dispatcher decides what to send from the very same rules, re-read from the
 * records at send time: a cancellation or a changed hearing date that reached
 * the server before the send wins.
 *
 * A reminder's key is (record, lead, the event's time): a hearing moved to
 * another date gets new reminders and the old ones are no longer due; the key
 * is also the idempotency key of the server's queue and of the provider.
 */
import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { boundedRecord } from './common';
import { languageCodeSchema } from './languageCode';
import { utcDateTime, DAY_MS } from './utcTime';
import type { Milestone } from './milestones';
import type { TravelLeg } from './travel';

export const MESSAGE_CHANNELS = ['sms', 'whatsapp'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const WITHDRAWN_HOW = ['reply_stop', 'staff'] as const;
export type WithdrawnHow = (typeof WITHDRAWN_HOW)[number];

/** True when `phone` is a valid number written in E.164 (+ and digits only, as libphonenumber-js writes it). */
export function isE164Phone(phone: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
  const parsed = parsePhoneNumberFromString(phone);
  return parsed !== undefined && parsed.isValid() && parsed.number === phone;
}

/** A number as typed ("+1 602 555 0122") in E.164, or undefined when it is not a valid number with its country code. */
export function toE164(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

export const messagingConsentSchema = z
  .object({
    phone: z.string().refine(isE164Phone, { message: 'phone_e164' }),
    channel: z.enum(MESSAGE_CHANNELS),
    /** The family's language for messages (ISO 639); English is used where no template exists in it. */
    language: languageCodeSchema,
    consentedAt: utcDateTime,
    /** Set when consent is withdrawn: no message is sent after it. */
    withdrawnAt: utcDateTime.optional(),
    /** By a STOP reply, or recorded by staff (schema version 2 of households and calls). */
    withdrawnHow: z.enum(WITHDRAWN_HOW).optional(),
    /** The member of staff who recorded the withdrawal (user id); absent for a STOP reply, which is the family's own. */
    withdrawnBy: z.string().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((consent, ctx) => {
    if ((consent.withdrawnHow !== undefined || consent.withdrawnBy !== undefined) && consent.withdrawnAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['withdrawnAt'], message: 'withdrawn_at_required' });
    }
    if (consent.withdrawnHow === 'staff' && consent.withdrawnBy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['withdrawnBy'], message: 'withdrawn_by_required' });
    }
  });
export type MessagingConsent = z.infer<typeof messagingConsentSchema>;

/** The consent with its withdrawal recorded: when, how, and by whom when staff recorded it. */
export function withConsentWithdrawn(
  consent: MessagingConsent,
  withdrawal: { at: Date; how: 'staff'; by: string } | { at: Date; how: 'reply_stop' },
): MessagingConsent {
  return {
    ...consent,
    withdrawnAt: withdrawal.at.toISOString(),
    withdrawnHow: withdrawal.how,
    ...(withdrawal.how === 'staff' ? { withdrawnBy: withdrawal.by } : {}),
  };
}

export function hasActiveConsent(consent: MessagingConsent | undefined): consent is MessagingConsent {
  return consent !== undefined && consent.withdrawnAt === undefined;
}

/** One cancelled reminder of a milestone or leg: who cancelled it and when (a map entry, so cancellations on two devices merge). */
export const reminderCancellationSchema = z
  .object({ by: z.string().min(1).max(64), at: utcDateTime })
  .strict();
/** A milestone has two reminders, a leg one; the bound leaves room for dates that moved. */
export const MAX_REMINDER_CANCELLATIONS = 40;
export const reminderCancellationsSchema = boundedRecord(reminderCancellationSchema, MAX_REMINDER_CANCELLATIONS);
export type ReminderCancellations = z.infer<typeof reminderCancellationsSchema>;

/** Reminders to a family, from their milestones and travel legs. */
export const FAMILY_MESSAGE_KINDS = ['hearing', 'ice_checkin', 'departure'] as const;
export type FamilyMessageKind = (typeof FAMILY_MESSAGE_KINDS)[number];
/**
 * Messages to a helpline caller who asked for them, from the call: the
 * call-back promise at escalation, and a note when the call-back was made by
 * the promised time (kept) or the promised time passed without one (late).
 */
export const CALLBACK_MESSAGE_KINDS = ['callback_promise', 'callback_kept', 'callback_late'] as const;
export type CallbackMessageKind = (typeof CALLBACK_MESSAGE_KINDS)[number];
export const MESSAGE_KINDS = [...FAMILY_MESSAGE_KINDS, ...CALLBACK_MESSAGE_KINDS] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** How long before the event each reminder goes: hearings and check-ins 7 days and 1 day, departures the day before. */
export const REMINDER_LEADS: Record<FamilyMessageKind, readonly ('d7' | 'd1')[]> = {
  hearing: ['d7', 'd1'],
  ice_checkin: ['d7', 'd1'],
  departure: ['d1'],
};
export type ReminderLead = 'd7' | 'd1';
/** A reminder's lead, or `at`: a call-back message goes when what it tells happens. */
export const MESSAGE_LEADS = ['d7', 'd1', 'at'] as const;
export type MessageLead = (typeof MESSAGE_LEADS)[number];
const LEAD_MS: Record<ReminderLead, number> = { d7: 7 * DAY_MS, d1: DAY_MS };

/** Per site, switched on by an administrator: which kinds are sent. */
export type MessageSwitches = Record<MessageKind, boolean>;
export const MESSAGES_OFF: MessageSwitches = {
  hearing: false,
  ice_checkin: false,
  departure: false,
  callback_promise: false,
  callback_kept: false,
  callback_late: false,
};

/** The key of a reminder on its record (the cancellation map's key): the lead and the event's time in ms. */
export function reminderCancelKey(lead: ReminderLead, eventAt: string): string {
  return `${lead}-${Date.parse(eventAt)}`;
}

/** `consent_withdrawn`: what would have gone, had the family not withdrawn consent (shown to staff, never sent). */
export type PlannedState = 'scheduled' | 'cancelled' | 'switched_off' | 'too_late' | 'consent_withdrawn';

export interface PlannedMessage {
  /** Idempotency key: one message per record, lead and event time. */
  key: string;
  householdId: string;
  /** The member whose own consent it goes by (a milestone naming a member who has one); absent: the household's. */
  personId?: string;
  siteId: string;
  recordCollection: 'milestones' | 'travelLegs';
  recordId: string;
  kind: FamilyMessageKind;
  lead: ReminderLead;
  cancelKey: string;
  eventAt: string;
  sendAt: string;
  state: PlannedState;
  /** Only for a place or a station and reference that go into the message. */
  place?: string;
  reference?: string;
}

type MilestoneLike = Pick<Milestone, 'id' | 'householdId' | 'siteId' | 'kind' | 'dueAt' | 'status' | 'place' | 'personId'> & {
  reminderCancellations?: ReminderCancellations;
  _deleted?: boolean;
};
type LegLike = Pick<
  TravelLeg,
  'id' | 'householdId' | 'siteId' | 'departureAt' | 'departurePlace' | 'bookingReference' | 'status'
> & { reminderCancellations?: ReminderCancellations; _deleted?: boolean };

export interface PlanInput {
  /** The household's consent. */
  consent: MessagingConsent | undefined;
  /** Members' own consents, by person id: a milestone naming one of them goes by theirs. */
  memberConsents?: Readonly<Record<string, MessagingConsent | undefined>>;
  milestones: readonly MilestoneLike[];
  legs: readonly LegLike[];
  switches: MessageSwitches;
}

/**
 * A reminder whose send time passed by more than half its lead is not sent
 * late (a 7-day reminder three days before the hearing): the next reminder
 * covers it.
 */
export function isTooLate(message: Pick<PlannedMessage, 'eventAt' | 'lead'>, now: Date): boolean {
  return now.getTime() > Date.parse(message.eventAt) - LEAD_MS[message.lead] / 2;
}

/**
 * The consent a reminder goes by: a member's own when the milestone names a
 * member who has one (given or withdrawn: theirs decides), else the
 * household's. `personId` says whose.
 */
export function recipientConsent(
  input: Pick<PlanInput, 'consent' | 'memberConsents'>,
  personId: string | undefined,
): { consent: MessagingConsent | undefined; personId?: string } {
  const own = personId ? input.memberConsents?.[personId] : undefined;
  return own && personId ? { consent: own, personId } : { consent: input.consent };
}

/**
 * Every reminder the family's records call for, soonest first, each by the
 * consent it goes by (recipientConsent). Nothing without consent; after
 * consent was withdrawn, each one still ahead in the state
 * `consent_withdrawn`, so staff see what will not go. Hearings and check-ins
 * that are upcoming, legs that are planned or ticketed. The state says
 * whether it will be sent.
 */
export function plannedMessages(input: PlanInput, now: Date): PlannedMessage[] {
  const out: PlannedMessage[] = [];
  const add = (
    base: Omit<PlannedMessage, 'key' | 'lead' | 'cancelKey' | 'sendAt' | 'state' | 'personId'>,
    cancellations: ReminderCancellations | undefined,
    recipient: { consent: MessagingConsent | undefined; personId?: string },
  ) => {
    if (!recipient.consent) return;
    const withdrawn = !hasActiveConsent(recipient.consent);
    for (const lead of REMINDER_LEADS[base.kind]) {
      const cancelKey = reminderCancelKey(lead, base.eventAt);
      const message: PlannedMessage = {
        ...base,
        ...(recipient.personId ? { personId: recipient.personId } : {}),
        key: `${base.recordId}:${lead}:${base.eventAt}`,
        lead,
        cancelKey,
        sendAt: new Date(Date.parse(base.eventAt) - LEAD_MS[lead]).toISOString(),
        state: 'scheduled',
      };
      if (cancellations?.[cancelKey]) message.state = 'cancelled';
      else if (isTooLate(message, now)) message.state = 'too_late';
      else if (withdrawn) message.state = 'consent_withdrawn';
      else if (!input.switches[base.kind]) message.state = 'switched_off';
      out.push(message);
    }
  };
  for (const milestone of input.milestones) {
    if (milestone._deleted || milestone.status !== 'upcoming') continue;
    const kind = milestone.kind === 'court_hearing' ? 'hearing' : milestone.kind === 'ice_checkin' ? 'ice_checkin' : undefined;
    if (!kind) continue;
    add(
      {
        householdId: milestone.householdId,
        siteId: milestone.siteId,
        recordCollection: 'milestones',
        recordId: milestone.id,
        kind,
        eventAt: milestone.dueAt,
        ...(milestone.place ? { place: milestone.place } : {}),
      },
      milestone.reminderCancellations,
      recipientConsent(input, milestone.personId),
    );
  }
  for (const leg of input.legs) {
    if (leg._deleted || (leg.status !== 'planned' && leg.status !== 'ticketed')) continue;
    add(
      {
        householdId: leg.householdId,
        siteId: leg.siteId,
        recordCollection: 'travelLegs',
        recordId: leg.id,
        kind: 'departure',
        eventAt: leg.departureAt,
        place: leg.departurePlace,
        ...(leg.bookingReference ? { reference: leg.bookingReference } : {}),
      },
      leg.reminderCancellations,
      { consent: input.consent },
    );
  }
  return out.sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.key.localeCompare(b.key));
}

/** The record's cancellations with this reminder added (written through the one write path). */
export function withReminderCancelled(
  cancellations: ReminderCancellations | undefined,
  cancelKey: string,
  by: string,
  at: Date,
): ReminderCancellations {
  return { ...cancellations, [cancelKey]: { by, at: at.toISOString() } };
}

/**
 * Migration to the schema version that added reminder cancellations (and, for households, consent; for people,
 * version 3, a member's own consent): all optional, nothing to fill.
 */
export function migrateAddsOptionalMessagingFields<T extends Record<string, unknown>>(doc: T): T {
  return doc;
}

/**
 * Migration of households and calls to schema version 2, which records who
 * withdrew consent. A withdrawal stored before it without `withdrawnHow` was
 * made by staff (a STOP reply always said so); without `withdrawnBy`, it
 * names the record's last editor, who made that withdrawal unless the record
 * changed since (the audit log holds the exact change). Fills only what is
 * missing, so a current document is unchanged.
 */
export function migrateRecordingWhoWithdrew<T extends Record<string, unknown>>(doc: T): T {
  const messaging = doc.messaging;
  if (typeof messaging !== 'object' || messaging === null || Array.isArray(messaging)) return doc;
  const consent = messaging as Record<string, unknown>;
  if (consent.withdrawnAt === undefined) return doc;
  const how = consent.withdrawnHow ?? 'staff';
  if (how !== 'staff' || consent.withdrawnBy !== undefined) {
    return consent.withdrawnHow === undefined ? { ...doc, messaging: { ...consent, withdrawnHow: how } } : doc;
  }
  const by = typeof doc.updatedBy === 'string' && doc.updatedBy.length > 0 ? doc.updatedBy.slice(0, 64) : 'unknown';
  return { ...doc, messaging: { ...consent, withdrawnHow: 'staff', withdrawnBy: by } };
}
