/**
 * What the helpline reports to the server's audit log beyond record changes:
 * every caller-verification attempt and every supervisor override, the
 * moment it happens (the call record also keeps them, but a call is synced
 * only when saved, and an abandoned call must still leave a trace).
 * The server accepts only the actions listed here.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common';
import { OVERRIDE_REASON_MIN_LENGTH } from './calls';
import { VERIFICATION_QUESTIONS } from './verification';

export const HELPLINE_AUDIT_ACTIONS = [
  'helpline.verification_attempt',
  'helpline.verification_override',
] as const;
export type HelplineAuditAction = (typeof HELPLINE_AUDIT_ACTIONS)[number];

const subject = {
  /** The call being logged (it may not be on the server yet). */
  callId: idSchema,
  /** The record whose details the caller asked to see. */
  householdId: idSchema.optional(),
  personId: idSchema.optional(),
  at: isoDateTime,
};

export const auditEventSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('helpline.verification_attempt'),
      ...subject,
      passed: z.boolean(),
      questionIds: z.array(z.enum(VERIFICATION_QUESTIONS)).max(VERIFICATION_QUESTIONS.length),
    })
    .strict(),
  z
    .object({
      action: z.literal('helpline.verification_override'),
      ...subject,
      reason: z.string().trim().min(OVERRIDE_REASON_MIN_LENGTH).max(500),
    })
    .strict(),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const MAX_AUDIT_EVENTS = 200;
export const auditEventsSchema = z.array(auditEventSchema).min(1).max(MAX_AUDIT_EVENTS);
