/**
 * A helpline call (BRIEF §4): who called, in which language, about what, a
 * short actionable summary, whether the caller was authenticated, and the
 * outcome — resolved on the call, escalated to a unit's focal point with a
 * promised call-back, or a voicemail to call back.
 *
 * Sync design. The server merges records field by field; arrays are atomic,
 * so two devices that each appended to one array would clash. The logs of a
 * call (verification attempts, call-backs, assignments) are therefore maps
 * keyed by a fresh entry id: two officers recording call-backs offline add
 * different keys, and both survive the merge. Entries are never edited.
 * What is computed from the logs — verification status, open/closed, the
 * current assignee, the due time the queue sorts by — is derived (top-level,
 * recomputed on every write and merge, never reported as a clash).
 */
import { z } from 'zod';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { boundedRecord, idSchema, isoDateTime, recordMetaShape } from './common';
import { attachmentsField } from './attachments';
import { languageCodeSchema } from './person';
import { LANGUAGE_CODES } from './languages';
import { VERIFICATION_QUESTIONS } from './verification';
import { messagingConsentSchema } from './messaging';

export const CALL_CATEGORIES = [
  'case_status',
  'registration',
  'resettlement',
  'protection',
  'assistance',
  'documentation',
  'complaint',
  'other',
] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/** The helpline's twelve languages, in the order of its phone menu; every other ISO 639 language follows. */
export const HELPLINE_LANGUAGE_CODES = [
  'en',
  'sw',
  'fr',
  'ar',
  'so',
  'am',
  'ti',
  'om',
  'rw-x-kinyamulenge',
  'rw',
  'din',
  'rn',
] as const;

/** Caller languages in picker order: the helpline's twelve, then the rest of the list. */
export function callerLanguageCodes(): string[] {
  const first = new Set<string>(HELPLINE_LANGUAGE_CODES);
  return [...HELPLINE_LANGUAGE_CODES, ...LANGUAGE_CODES.filter((code) => !first.has(code))];
}

export const CALLBACK_RESULTS = ['reached', 'no_answer_retry', 'closed'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];
export const VERIFICATION_STATUSES = ['unverified', 'passed', 'failed', 'overridden'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const CALL_STATUSES = ['open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const SUMMARY_MAX_LENGTH = 280;
export const OVERRIDE_REASON_MIN_LENGTH = 10;

/** E.164: "+" then up to 15 digits, no leading zero. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number');

const userId = z.string().min(1).max(64);
/**
 * Log entries keyed by entry id (see the note at the top), bounded by what
 * happens to one call: a few verification attempts, call-backs, transfers.
 */
const log = <T extends z.ZodType>(entry: T, max: number) => boundedRecord(entry, max);
export const MAX_VERIFICATION_ATTEMPTS = 50;
export const MAX_CALLBACKS = 200;
export const MAX_ASSIGNMENTS = 100;

export const verificationAttemptSchema = z
  .object({
    at: isoDateTime,
    by: userId,
    passed: z.boolean(),
    questionIds: z.array(z.enum(VERIFICATION_QUESTIONS)).max(VERIFICATION_QUESTIONS.length),
  })
  .strict();

export const verificationOverrideSchema = z
  .object({
    by: userId,
    reason: z.string().trim().min(OVERRIDE_REASON_MIN_LENGTH).max(500),
    at: isoDateTime,
  })
  .strict();

export const verificationSchema = z
  .object({
    attempts: log(verificationAttemptSchema, MAX_VERIFICATION_ATTEMPTS),
    override: verificationOverrideSchema.optional(),
  })
  .strict();

export const callOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resolved_on_call') }).strict(),
  z
    .object({
      kind: z.literal('escalated'),
      unitId: idSchema,
      focalPointId: userId.optional(),
      callbackDueAt: isoDateTime,
    })
    .strict(),
  z.object({ kind: z.literal('voicemail_followup'), callbackDueAt: isoDateTime }).strict(),
]);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const callbackSchema = z
  .object({
    at: isoDateTime,
    by: userId,
    result: z.enum(CALLBACK_RESULTS),
    note: z.string().trim().max(SUMMARY_MAX_LENGTH).optional(),
  })
  .strict();
export type Callback = z.infer<typeof callbackSchema>;

export const assignmentSchema = z
  .object({ unitId: idSchema, focalPointId: userId.optional(), at: isoDateTime, by: userId })
  .strict();
export type Assignment = z.infer<typeof assignmentSchema>;

export const callSchema = z
  .object({
    ...recordMetaShape,
    startedAt: isoDateTime,
    endedAt: isoDateTime.optional(),
    agentId: userId,
    /** Absent when the number was withheld. */
    callerPhone: e164Schema.optional(),
    callerLanguage: languageCodeSchema,
    category: z.enum(CALL_CATEGORIES),
    /** The caller's request as one short actionable statement. */
    summary: z.string().trim().min(1).max(SUMMARY_MAX_LENGTH),
    householdId: idSchema.optional(),
    personId: idSchema.optional(),
    verification: verificationSchema,
    /** Absent while the call is still being logged. */
    outcome: callOutcomeSchema.optional(),
    callbacks: log(callbackSchema, MAX_CALLBACKS),
    assignments: log(assignmentSchema, MAX_ASSIGNMENTS),
    // Derived (deriveCall): what the queue and the gate read, indexed where they search.
    verificationStatus: z.enum(VERIFICATION_STATUSES),
    status: z.enum(CALL_STATUSES),
    /** The promised call-back time, or "" when none is owed. */
    dueAt: z.string().max(40),
    /** The unit holding the call now (latest assignment), or "". */
    assignedUnitId: z.string().max(64),
    /** The focal point holding it now, or "" for the whole unit. */
    assignedTo: z.string().max(64),
    /** Documents the caller sent (schema version 1; attachments.ts). */
    attachments: attachmentsField,
    /**
     * The caller's consent to messages about the call-back (issue 20): the
     * promise at escalation and a note when it is kept or late. Absent: none.
     * Added with attachments in schema version 1 (optional, nothing to fill).
     */
    messaging: messagingConsentSchema.optional(),
  })
  .strict();

export type Call = z.infer<typeof callSchema>;
export type VerificationAttempt = z.infer<typeof verificationAttemptSchema>;
export type VerificationOverride = z.infer<typeof verificationOverrideSchema>;

/** Fields encrypted at rest on the device: what the caller said and how to reach them. */
export const CALL_ENCRYPTED_FIELDS = ['callerPhone', 'summary', 'callbacks', 'messaging'] as const;

type Entry = { at: string };

/** Log entries oldest first (ties by entry id, so every device shows one order). */
export function entriesInOrder<T extends Entry>(entries: Record<string, T>): (T & { id: string })[] {
  return Object.entries(entries)
    .map(([id, entry]) => ({ ...entry, id }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

type DerivableCall = Pick<Call, 'verification' | 'outcome' | 'callbacks' | 'assignments'>;

export function verificationStatusOf(verification: Call['verification']): VerificationStatus {
  const attempts = Object.values(verification.attempts);
  if (attempts.some((attempt) => attempt.passed)) return 'passed';
  if (verification.override) return 'overridden';
  return attempts.length > 0 ? 'failed' : 'unverified';
}

/** Closed when resolved on the call, or once a call-back reached the caller or closed the case. */
export function callStatusOf(call: DerivableCall): CallStatus {
  if (!call.outcome || call.outcome.kind === 'resolved_on_call') return call.outcome ? 'closed' : 'open';
  const done = Object.values(call.callbacks).some((cb) => cb.result === 'reached' || cb.result === 'closed');
  return done ? 'closed' : 'open';
}

/** The latest assignment; the escalation itself is the first one. */
export function currentAssignment(call: Pick<Call, 'assignments'>): Assignment | undefined {
  return entriesInOrder(call.assignments).at(-1);
}

export function deriveCall<T extends DerivableCall>(
  doc: T,
): T & Pick<Call, 'verificationStatus' | 'status' | 'dueAt' | 'assignedUnitId' | 'assignedTo'> {
  const assignment = currentAssignment(doc);
  const owed = doc.outcome && doc.outcome.kind !== 'resolved_on_call' ? doc.outcome.callbackDueAt : '';
  return {
    ...doc,
    verificationStatus: verificationStatusOf(doc.verification),
    status: callStatusOf(doc),
    dueAt: owed,
    assignedUnitId: assignment?.unitId ?? '',
    assignedTo: assignment?.focalPointId ?? '',
  };
}

/**
 * Whether the call is flagged for a supervisor: the caller failed
 * verification `maxFailedAttempts` times on it (which locked them out) and
 * neither passed nor was let through by a supervisor since.
 */
export function needsSupervisor(call: Pick<Call, 'verification'>, maxFailedAttempts: number): boolean {
  if (verificationStatusOf(call.verification) !== 'failed') return false;
  return Object.values(call.verification.attempts).filter((attempt) => !attempt.passed).length >= maxFailedAttempts;
}

/** Whether the linked record's details may be shown on this call. */
export function isCallerVerified(status: VerificationStatus): boolean {
  return status === 'passed' || status === 'overridden';
}

export type PhoneParse = { ok: true; e164: string; international: string } | { ok: false };

/**
 * A phone number as typed by the agent, in the helpline's default region
 * when it has no country code ("0712 345678" in Kenya → +254712345678).
 */
export function parseCallerPhone(input: string, defaultRegion: CountryCode): PhoneParse {
  const text = input.trim();
  if (text === '') return { ok: false };
  const phone = parsePhoneNumberFromString(text, defaultRegion);
  if (!phone || !phone.isPossible()) return { ok: false };
  return { ok: true, e164: phone.number, international: phone.formatInternational() };
}

/** A stored number (E.164 or as typed at intake) in E.164, for matching phones across records. */
export function phoneKey(input: string, defaultRegion: CountryCode): string | undefined {
  const parsed = parseCallerPhone(input, defaultRegion);
  return parsed.ok ? parsed.e164 : undefined;
}
