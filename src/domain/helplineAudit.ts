/**
 * What the helpline reports to the server's audit log beyond record changes:
 * every caller-verification attempt, the moment it happens (the call record
 * also keeps them, but a call is synced only when saved, and an abandoned
 * call must still leave a trace). The server accepts only the actions
 * listed in `auditEventSchema`.
 *
 * An override is not reported by the agent's device: a supervisor signs it
 * with their own password through POST /api/helpline/verification-override,
 * and the server records it under the supervisor's name (issue 16). That
 * request and its answer are defined here too, for the route and the app.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common';
import { MAX_VERIFICATION_ATTEMPTS, OVERRIDE_REASON_MIN_LENGTH } from './calls';
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
      /** The attempt's number on this call for this caller (1, 2, 3…); absent from apps before issue 16. */
      attempt: z.number().int().min(1).max(MAX_VERIFICATION_ATTEMPTS).optional(),
      questionIds: z.array(z.enum(VERIFICATION_QUESTIONS)).max(VERIFICATION_QUESTIONS.length),
    })
    .strict(),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const MAX_AUDIT_EVENTS = 200;
export const auditEventsSchema = z.array(auditEventSchema).min(1).max(MAX_AUDIT_EVENTS);

/** A supervisor's approval, asked for on the agent's device: the supervisor types their own credentials. */
export const verificationOverrideRequestSchema = z
  .object({
    callId: idSchema,
    householdId: idSchema,
    personId: idSchema.optional(),
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    reason: z.string().trim().min(OVERRIDE_REASON_MIN_LENGTH).max(500),
  })
  .strict();
export type VerificationOverrideRequest = z.infer<typeof verificationOverrideRequestSchema>;

export const verificationOverrideResponseSchema = z
  .object({
    /** The supervisor's user id: the override is recorded under it. */
    approvedBy: z.string().min(1).max(64),
    approvedByName: z.string().min(1).max(200),
    at: isoDateTime,
  })
  .strict();
export type VerificationOverrideResponse = z.infer<typeof verificationOverrideResponseSchema>;
