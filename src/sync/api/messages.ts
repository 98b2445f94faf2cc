/**
 * The messages API (issue 20): a family's messages, a call's, the
 * coordinator's failures, a site's settings and what the log provider wrote.
 * The routes declare these endpoints (sync-server/src/routes/messages.ts) and
 * the app calls them through its one client, so neither re-declares them.
 * Twilio's signed webhooks are Twilio's contract, not ours: they stay in the route.
 */
import { z } from 'zod';
import { idSchema } from '../../domain/common';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_LEADS } from '../../domain/messaging';
import { messageSettingsSchema } from '../../domain/messageSettings';
import { endpoint } from './endpoint';

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

export const familyMessagesQuerySchema = z.object({ householdId: idSchema });
export const callMessagesQuerySchema = z.object({ callId: idSchema });
export const siteSettingsQuerySchema = z.object({ siteId: idSchema });
export const saveMessageSettingsSchema = z.object({ siteId: idSchema, settings: messageSettingsSchema }).strict();
export type SaveMessageSettings = z.infer<typeof saveMessageSettingsSchema>;

export const messagesEndpoints = {
  /** A family's reminders with their state (a call's messages never among them). */
  family: endpoint({ method: 'GET', path: '/api/messages', query: familyMessagesQuerySchema, response: messageListResponseSchema }),
  /** One helpline call's call-back promise and note. */
  call: endpoint({ method: 'GET', path: '/api/messages/call', query: callMessagesQuerySchema, response: messageListResponseSchema }),
  /** For coordinators and administrators: what failed, to act on. */
  failures: endpoint({ method: 'GET', path: '/api/messages/failures', response: messageListResponseSchema }),
  settings: endpoint({
    method: 'GET',
    path: '/api/messages/settings',
    query: siteSettingsQuerySchema,
    response: messageSettingsResponseSchema,
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/admin/messages/settings',
    body: saveMessageSettingsSchema,
    response: messageSettingsResponseSchema,
  }),
  recent: endpoint({ method: 'GET', path: '/api/admin/messages/recent', response: recentMessagesResponseSchema }),
};
