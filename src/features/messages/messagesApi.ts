/** The messages API, called with the in-memory session token (contracts in src/sync/messagesApi.ts). */
import type { z } from 'zod';
import type { MessageSettings } from '../../domain/messageSettings';
import {
  messageListResponseSchema,
  messageSettingsResponseSchema,
  type OutboundMessage,
  type MessageSettingsResponse,
} from '../../sync/messagesApi';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

function call<T>(path: string, schema: z.ZodType<T>, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return apiRequest<unknown>(baseUrl(), currentToken(), path, init).then((body) => schema.parse(body));
}

export const messagesApi = {
  family: (householdId: string): Promise<OutboundMessage[]> =>
    call(`/api/messages?householdId=${encodeURIComponent(householdId)}`, messageListResponseSchema).then((b) => b.messages),
  failures: (): Promise<OutboundMessage[]> => call('/api/messages/failures', messageListResponseSchema).then((b) => b.messages),
  settings: (siteId: string): Promise<MessageSettingsResponse> =>
    call(`/api/messages/settings?siteId=${encodeURIComponent(siteId)}`, messageSettingsResponseSchema),
  saveSettings: (siteId: string, settings: MessageSettings): Promise<MessageSettingsResponse> =>
    call('/api/admin/messages/settings', messageSettingsResponseSchema, { method: 'PUT', body: { siteId, settings } }),
};
