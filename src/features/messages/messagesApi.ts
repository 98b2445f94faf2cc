/** The messages API through the app's one client (contracts in src/sync/messagesApi.ts). */
import { z } from 'zod';
import type { MessageSettings } from '../../domain/messageSettings';
import {
  messageListResponseSchema,
  messageSettingsResponseSchema,
  recentMessagesResponseSchema,
  type RecentMessagesResponse,
  type OutboundMessage,
  type MessageSettingsResponse,
} from '../../sync/messagesApi';
import { endpoint } from '../../sync/api/endpoint';
import { callApi } from '../../sync/apiClient';

const MESSAGES = {
  family: endpoint({
    method: 'GET',
    path: '/api/messages',
    query: z.object({ householdId: z.string() }),
    response: messageListResponseSchema,
  }),
  failures: endpoint({ method: 'GET', path: '/api/messages/failures', response: messageListResponseSchema }),
  recent: endpoint({ method: 'GET', path: '/api/admin/messages/recent', response: recentMessagesResponseSchema }),
  call: endpoint({
    method: 'GET',
    path: '/api/messages/call',
    query: z.object({ callId: z.string() }),
    response: messageListResponseSchema,
  }),
  settings: endpoint({
    method: 'GET',
    path: '/api/messages/settings',
    query: z.object({ siteId: z.string() }),
    response: messageSettingsResponseSchema,
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/admin/messages/settings',
    body: z.object({ siteId: z.string(), settings: z.custom<MessageSettings>() }),
    response: messageSettingsResponseSchema,
  }),
};

export const messagesApi = {
  family: async (householdId: string): Promise<OutboundMessage[]> =>
    (await callApi(MESSAGES.family, { query: { householdId } })).messages,
  failures: async (): Promise<OutboundMessage[]> => (await callApi(MESSAGES.failures, {})).messages,
  recent: (): Promise<RecentMessagesResponse> => callApi(MESSAGES.recent, {}),
  call: async (callId: string): Promise<OutboundMessage[]> => (await callApi(MESSAGES.call, { query: { callId } })).messages,
  settings: (siteId: string): Promise<MessageSettingsResponse> => callApi(MESSAGES.settings, { query: { siteId } }),
  saveSettings: (siteId: string, settings: MessageSettings): Promise<MessageSettingsResponse> =>
    callApi(MESSAGES.saveSettings, { body: { siteId, settings } }),
};
