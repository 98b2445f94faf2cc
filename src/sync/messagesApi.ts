/**
 * The messages API (issue 20): what the server answers about a family's
 * messages, the coordinator's failures and a site's settings. Imported by the
 * routes and by the app, so neither re-declares them.
 */
import { z } from 'zod';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_LEADS } from '../domain/messaging';
import { messageSettingsSchema } from '../domain/messageSettings';

export const OUTBOUND_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

export const outboundMessageSchema = z.object({
  key: z.string(),
  siteId: z.string(),
  /** The family; for a call-back message (kind callback_…), the call, which holds the caller's consent. */
  householdId: z.string(),
  recordCollection: z.enum(['milestones', 'travelLegs', 'calls']),
  recordId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  lead: z.enum(MESSAGE_LEADS),
  eventAt: z.string(),
  sendAt: z.string(),
  state: z.enum(OUTBOUND_STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  /** The language it was written in, and whether that was English for lack of a template in the family's. */
  language: z.string().optional(),
  fallback: z.boolean().optional(),
  provider: z.string().optional(),
  providerId: z.string().optional(),
  failureReason: z.string().optional(),
  sentAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  updatedAt: z.string(),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

export const messageListResponseSchema = z.object({ messages: z.array(outboundMessageSchema) });
export type MessageListResponse = z.infer<typeof messageListResponseSchema>;

export const messageSettingsResponseSchema = z.object({ siteId: z.string(), settings: messageSettingsSchema });
export type MessageSettingsResponse = z.infer<typeof messageSettingsResponseSchema>;

/** What the log provider wrote (the admin screen shows it; nothing was sent). */
export const loggedMessageSchema = z.object({
  at: z.string(),
  key: z.string(),
  siteId: z.string(),
  to: z.string(),
  channel: z.enum(MESSAGE_CHANNELS),
  body: z.string(),
});
export type LoggedMessage = z.infer<typeof loggedMessageSchema>;

/** The administrator's view: the queue's messages last changed first, and what the log provider wrote (kept across restarts). */
export const recentMessagesResponseSchema = z.object({
  provider: z.string(),
  messages: z.array(outboundMessageSchema),
  logged: z.array(loggedMessageSchema),
});
export type RecentMessagesResponse = z.infer<typeof recentMessagesResponseSchema>;
