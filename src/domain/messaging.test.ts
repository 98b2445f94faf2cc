import { describe, expect, it } from 'vitest';
import {
  MESSAGES_OFF,
  isE164Phone,
  messagingConsentSchema,
  migrateRecordingWhoWithdrew,
  withConsentWithdrawn,
  plannedMessages,
  toE164,
  withReminderCancelled,
  type MessagingConsent,
  type PlanInput,
} from './messaging';
import { chooseTemplate, fillMessageTemplate, isStopReply, messageTemplateProblems } from './messageTemplates';
import { householdSchema } from './household';
import { upgradeDocument } from './collections';

const consent: MessagingConsent = {
  phone: '+16025550122',
  channel: 'sms',
  language: 'es',
  consentedAt: '2026-12-01T10:00:00.000Z',
};
const hearing = {
  id: 'm1',
  householdId: 'h1',
  siteId: 'site-a',
  kind: 'court_hearing' as const,
  dueAt: '2026-12-20T16:00:00.000Z',
  status: 'upcoming' as const,
  place: 'Immigration Court, 250 N 7th Ave',
};
const leg = {
  id: 'l1',
  householdId: 'h1',
  siteId: 'site-a',
  departureAt: '2026-12-10T08:30:00.000Z',
  departurePlace: 'Greyhound Phoenix',
  bookingReference: 'GH-1234',
  status: 'ticketed' as const,
};
const on = { ...MESSAGES_OFF, hearing: true, ice_checkin: true, departure: true };
const now = new Date('2026-12-05T12:00:00.000Z');

function plan(input: Partial<PlanInput>) {
  return plannedMessages({ consent, milestones: [hearing], legs: [leg], switches: on, ...input }, now);
}

describe('phone numbers for messages', () => {
  it('takes only valid E.164 numbers and writes typed ones in E.164', () => {
    expect(isE164Phone('+16025550122')).toBe(true);
    expect(isE164Phone('+1602555012')).toBe(false);
    expect(isE164Phone('+254712345678')).toBe(true);
    expect(isE164Phone('0712345678')).toBe(false);
    expect(isE164Phone('+254 712 345678')).toBe(false);
    expect(toE164('+254 712 345 678')).toBe('+254712345678');
    expect(toE164('12345')).toBeUndefined();
    expect(messagingConsentSchema.safeParse({ ...consent, phone: '+254712345678' }).success).toBe(true);
    expect(messagingConsentSchema.safeParse({ ...consent, phone: '0712345678' }).success).toBe(false);
  });
});

describe('planned reminders', () => {
  it('plans a hearing 7 days and 1 day before and a departure the day before, soonest first', () => {
    const planned = plan({});
    expect(planned.map((m) => [m.kind, m.lead, m.sendAt, m.state])).toEqual([
      ['departure', 'd1', '2026-12-09T08:30:00.000Z', 'scheduled'],
      ['hearing', 'd7', '2026-12-13T16:00:00.000Z', 'scheduled'],
      ['hearing', 'd1', '2026-12-19T16:00:00.000Z', 'scheduled'],
    ]);
  });

  it('plans nothing without consent; after it was withdrawn, marks each reminder still ahead as not to be sent', () => {
    expect(plan({ consent: undefined })).toEqual([]);
    const withdrawn = plan({ consent: { ...consent, withdrawnAt: now.toISOString(), withdrawnHow: 'reply_stop' } });
    expect(withdrawn.map((m) => m.state)).toEqual(['consent_withdrawn', 'consent_withdrawn', 'consent_withdrawn']);
  });

  it('a staff withdrawal says who recorded it; one without a name, or without a time, is refused', () => {
    const at = new Date('2026-12-05T10:00:00.000Z');
    const withdrawn = withConsentWithdrawn({ ...consent, phone: '+254712345678' }, { at, how: 'staff', by: 'cw.lucia' });
    expect(messagingConsentSchema.safeParse(withdrawn).success).toBe(true);
    expect(withdrawn).toMatchObject({ withdrawnAt: at.toISOString(), withdrawnHow: 'staff', withdrawnBy: 'cw.lucia' });
    const { withdrawnBy: _by, ...nameless } = withdrawn;
    expect(messagingConsentSchema.safeParse(nameless).error?.issues.map((i) => i.path.join('.'))).toEqual(['withdrawnBy']);
    const { withdrawnAt: _at, ...timeless } = withdrawn;
    expect(messagingConsentSchema.safeParse(timeless).error?.issues.map((i) => i.path.join('.'))).toEqual(['withdrawnAt']);
  });

  it('the migration to version 2 names who withdrew a consent stored without it, and changes nothing else', () => {
    const record = { id: 'h1', updatedBy: 'cw.amina', messaging: { ...consent, withdrawnAt: now.toISOString() } };
    expect(migrateRecordingWhoWithdrew(record).messaging).toMatchObject({ withdrawnHow: 'staff', withdrawnBy: 'cw.amina' });
    const stop = { ...record, messaging: { ...record.messaging, withdrawnHow: 'reply_stop' } };
    expect(migrateRecordingWhoWithdrew(stop)).toBe(stop);
    const given = { id: 'h2', updatedBy: 'x', messaging: consent };
    expect(migrateRecordingWhoWithdrew(given)).toBe(given);
  });

  it('a moved hearing gets new keys; a done hearing or a cancelled leg plans nothing', () => {
    const before = plan({ legs: [] }).map((m) => m.key);
    const after = plan({ legs: [], milestones: [{ ...hearing, dueAt: '2026-12-22T16:00:00.000Z' }] }).map((m) => m.key);
    expect(after.some((key) => before.includes(key))).toBe(false);
    expect(plan({ milestones: [{ ...hearing, status: 'done' }], legs: [{ ...leg, status: 'cancelled' }] })).toEqual([]);
  });

  it('a cancelled reminder, a switched-off kind and a reminder too late to be useful are not scheduled', () => {
    const cancelKey = plan({ legs: [] })[0]?.cancelKey ?? '';
    const cancelled = plan({
      legs: [],
      milestones: [{ ...hearing, reminderCancellations: withReminderCancelled(undefined, cancelKey, 'u1', now) }],
    });
    expect(cancelled.map((m) => m.state)).toEqual(['cancelled', 'scheduled']);
    expect(plan({ switches: { ...on, departure: false } })[0]?.state).toBe('switched_off');
    const soon = plannedMessages({ consent, milestones: [hearing], legs: [], switches: on }, new Date('2026-12-17T06:00:00.000Z'));
    expect(soon.map((m) => m.state)).toEqual(['too_late', 'scheduled']);
  });
});

describe('message templates', () => {
  it('checks placeholders of the kind', () => {
    expect(messageTemplateProblems('hearing', 'On {{date}} at {{time}}, {{place}}')).toEqual([]);
    expect(messageTemplateProblems('hearing', 'On {{date}} at {{time}}').map((p) => p.kind)).toEqual(['missing_placeholder']);
    expect(messageTemplateProblems('hearing', 'On {{date}} {{date}} {{time}} {{place}} {{ticket}}').map((p) => p.kind)).toEqual([
      'unknown_placeholder',
      'repeated_placeholder',
    ]);
    expect(messageTemplateProblems('departure', '{{date}} {{time}} {{station}} {{reference}')).toContainEqual({ kind: 'stray_braces' });
  });

  it("uses the family's language, else English marked as a fallback", () => {
    expect(chooseTemplate('hearing', 'es')).toMatchObject({ language: 'es', fallback: false });
    expect(chooseTemplate('hearing', 'so')).toMatchObject({ language: 'en', fallback: true });
    expect(chooseTemplate('hearing', 'so', { hearing: { so: 'Xasuusin {{date}} {{time}} {{place}}' } })).toMatchObject({
      language: 'so',
      fallback: false,
    });
    expect(fillMessageTemplate('On {{date}} at {{ time }}', { date: 'Monday', time: '9:00' })).toBe('On Monday at 9:00');
  });

  it('recognises STOP and its equivalents, and nothing else', () => {
    for (const reply of ['STOP', ' stop. ', 'Alto', 'ARRÊT', 'arrêter', 'توقف', 'إيقاف', 'acha', 'Sitisha!']) {
      expect(isStopReply(reply), reply).toBe(true);
    }
    for (const reply of ['stop sending me the wrong date', 'gracias', 'ok', '']) expect(isStopReply(reply), reply).toBe(false);
  });
});

describe('schema version 1', () => {
  it('a version-0 household upgrades unchanged and a household with consent validates', () => {
    const household = {
      id: 'h1',
      siteId: 'site-a',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      updatedBy: 'u1',
      deviceId: 'd1',
      familyName: 'Ruiz',
      arrivalDate: '2026-12-01',
      arrivalMode: 'bus',
      needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
      destination: {},
      sponsor: {},
      consent: { dataSharing: true, photo: false },
      status: 'active',
      nameKey: 'ruiz',
    };
    expect(upgradeDocument('households', household)).toEqual(household);
    expect(householdSchema.safeParse({ ...household, messaging: { ...consent, phone: '+254712345678' } }).success).toBe(true);
    expect(householdSchema.safeParse({ ...household, messaging: { ...consent, channel: 'pigeon' } }).success).toBe(false);
  });
});
