/**
 * Messaging's writes on the device, through the one write path: a family's
 * or a member's consent (given, changed, withdrawn by staff), a helpline
 * caller's consent withdrawn by staff, and a cancelled reminder on its
 * milestone or leg. Each syncs like any edit; the server re-reads the
 * records before sending.
 */
import type { WaystationDatabase } from '../../db/database';
import { applyEdits, changeFrom } from '../../db/recordEdits';
import { contentOf, findRecord, InvalidRecordError, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import {
  messagingConsentSchema,
  toE164,
  withConsentWithdrawn,
  withReminderCancelled,
  type MessageChannel,
  type MessagingConsent,
} from '../../domain/messaging';

export interface ConsentInput {
  phone: string;
  channel: MessageChannel;
  language: string;
}

/** The consent as entered, checked, with the number in E.164. @throws InvalidRecordError */
function consentFrom(input: ConsentInput, now: Date): MessagingConsent {
  const consent = {
    phone: toE164(input.phone) ?? input.phone.trim(),
    channel: input.channel,
    language: input.language,
    consentedAt: now.toISOString(),
  };
  const parsed = messagingConsentSchema.safeParse(consent);
  if (!parsed.success) throw new InvalidRecordError('messaging consent', parsed.error.issues);
  return parsed.data;
}

/** Records (or changes) a family's consent to messages; the number is stored in E.164. */
export async function saveMessagingConsent(
  db: WaystationDatabase,
  actor: WriteActor,
  householdId: string,
  input: ConsentInput,
  now = new Date(),
): Promise<MessagingConsent> {
  const existing = await findRecord(db, 'households', householdId);
  if (!existing) throw new RecordNotFoundError('households', householdId);
  const messaging = consentFrom(input, now);
  await applyEdits(db, actor, [changeFrom('households', existing, { ...contentOf<'households'>(existing), messaging })], { now });
  return messaging;
}

/** Records (or changes) a member's own consent: reminders of milestones naming them go to it. */
export async function saveMemberMessagingConsent(
  db: WaystationDatabase,
  actor: WriteActor,
  personId: string,
  input: ConsentInput,
  now = new Date(),
): Promise<MessagingConsent> {
  const existing = await findRecord(db, 'people', personId);
  if (!existing) throw new RecordNotFoundError('people', personId);
  const messaging = consentFrom(input, now);
  await applyEdits(db, actor, [changeFrom('people', existing, { ...contentOf<'people'>(existing), messaging })], { now });
  return messaging;
}

/** Staff record that a member withdrew their own consent: their reminders stop, the family's go on. */
export async function withdrawMemberMessagingConsent(
  db: WaystationDatabase,
  actor: WriteActor,
  personId: string,
  now = new Date(),
): Promise<void> {
  const existing = await findRecord(db, 'people', personId);
  if (!existing) throw new RecordNotFoundError('people', personId);
  const content = contentOf<'people'>(existing);
  if (!content.messaging || content.messaging.withdrawnAt) return;
  const messaging = withConsentWithdrawn(content.messaging, { at: now, how: 'staff', by: actor.userId });
  await applyEdits(db, actor, [changeFrom('people', existing, { ...content, messaging })], { now });
}

/**
 * Staff record that the family withdrew consent (in person, on the phone):
 * when, and who recorded it. Nothing more is sent once it reaches the server.
 */
export async function withdrawMessagingConsent(
  db: WaystationDatabase,
  actor: WriteActor,
  householdId: string,
  now = new Date(),
): Promise<void> {
  const existing = await findRecord(db, 'households', householdId);
  if (!existing) throw new RecordNotFoundError('households', householdId);
  const content = contentOf<'households'>(existing);
  if (!content.messaging || content.messaging.withdrawnAt) return;
  const messaging = withConsentWithdrawn(content.messaging, { at: now, how: 'staff', by: actor.userId });
  await applyEdits(db, actor, [changeFrom('households', existing, { ...content, messaging })], { now });
}

/** Staff record that a helpline caller withdrew consent to call-back messages (on the call). */
export async function withdrawCallerMessagingConsent(
  db: WaystationDatabase,
  actor: WriteActor,
  callId: string,
  now = new Date(),
): Promise<void> {
  const existing = await findRecord(db, 'calls', callId);
  if (!existing) throw new RecordNotFoundError('calls', callId);
  const content = contentOf<'calls'>(existing);
  if (!content.messaging || content.messaging.withdrawnAt) return;
  const messaging = withConsentWithdrawn(content.messaging, { at: now, how: 'staff', by: actor.userId });
  await applyEdits(db, actor, [changeFrom('calls', existing, { ...content, messaging })], { now });
}

/** Cancels one reminder of a milestone or a travel leg. */
export async function cancelReminder(
  db: WaystationDatabase,
  actor: WriteActor,
  target: { collection: 'milestones' | 'travelLegs'; id: string; cancelKey: string },
  now = new Date(),
): Promise<void> {
  if (target.collection === 'milestones') {
    const existing = await findRecord(db, 'milestones', target.id);
    if (!existing) throw new RecordNotFoundError('milestones', target.id);
    const content = contentOf<'milestones'>(existing);
    const reminderCancellations = withReminderCancelled(content.reminderCancellations, target.cancelKey, actor.userId, now);
    await applyEdits(db, actor, [changeFrom('milestones', existing, { ...content, reminderCancellations })], { now });
    return;
  }
  const existing = await findRecord(db, 'travelLegs', target.id);
  if (!existing) throw new RecordNotFoundError('travelLegs', target.id);
  const content = contentOf<'travelLegs'>(existing);
  const reminderCancellations = withReminderCancelled(content.reminderCancellations, target.cancelKey, actor.userId, now);
  await applyEdits(db, actor, [changeFrom('travelLegs', existing, { ...content, reminderCancellations })], { now });
}
