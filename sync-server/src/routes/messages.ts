/**
 * Messages to families (issue 20). Signed-in, declared from their contracts
 * (src/sync/api/messages.ts): a family's messages, a call's, the failures, a
 * site's settings, what the log provider wrote. Public but signed by Twilio:
 * its status callbacks and incoming replies, in Twilio's own form encoding.
 */
import type { FastifyInstance } from 'fastify';
import { toE164 } from '@waystation/domain/messaging';
import * as messages from '../services/messaging/messages';
import type { MessagesDeps } from '../services/messaging/messages';
import type { MessageProvider } from '../services/messaging/provider';
import { isValidTwilioSignature, twilioDeliveryReport, twilioSender } from '../services/messaging/twilio';
import { API } from '@waystation/protocol/api';
import { principalOf } from './actor';
import { route } from './contract';

export interface TwilioWebhookConfig {
  authToken: string;
  /**
   * The server's public origin as Twilio calls it (https://…), which the
   * signature covers. Absent (tests): the origin the request was sent to.
   */
  publicUrl?: string;
}

export function registerMessageRoutes(app: FastifyInstance, deps: MessagesDeps & { provider: MessageProvider }) {
  const endpoints = API.messages;
  route(app, endpoints.family, async (request) => messages.familyMessages(deps, principalOf(request), request.query));
  route(app, endpoints.call, async (request) => messages.callMessages(deps, principalOf(request), request.query));
  route(app, endpoints.failures, async (request) => messages.failedMessages(deps, principalOf(request)));
  route(app, endpoints.settings, async (request) => messages.siteSettings(deps, principalOf(request), request.query));
  route(app, endpoints.saveSettings, async (request) => messages.saveSiteSettings(deps, principalOf(request), request.body));
  route(app, endpoints.recent, async (request) => messages.recentMessages(deps, principalOf(request), deps.provider.name));
}

/** Twilio's webhooks: form-encoded, refused (403) unless X-Twilio-Signature is right. */
export function registerTwilioWebhooks(app: FastifyInstance, deps: MessagesDeps, config: TwilioWebhookConfig | undefined) {
  void app.register(async (hooks) => {
    hooks.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    const verified = (request: { url: string; body: unknown; headers: Record<string, unknown>; protocol: string; host: string }) => {
      if (!config) return undefined;
      const params = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string>;
      const signature = request.headers['x-twilio-signature'];
      const origin = config.publicUrl ?? `${request.protocol}://${request.host}`;
      const url = `${origin.replace(/\/$/, '')}${request.url}`;
      return isValidTwilioSignature(config.authToken, url, params, typeof signature === 'string' ? signature : undefined)
        ? params
        : undefined;
    };

    hooks.post('/api/messages/twilio/status', async (request, reply) => {
      const params = verified(request);
      if (!params) return reply.code(403).send({ error: 'forbidden', message: 'Bad or missing X-Twilio-Signature' });
      const report = twilioDeliveryReport(params);
      if (report) await messages.recordDelivery(deps, report);
      return reply.code(204).send();
    });

    hooks.post('/api/messages/twilio/inbound', async (request, reply) => {
      const params = verified(request);
      if (!params) return reply.code(403).send({ error: 'forbidden', message: 'Bad or missing X-Twilio-Signature' });
      const sender = twilioSender(params);
      const from = sender ? toE164(sender) : undefined;
      if (from) await messages.handleReply(deps, from, params.Body ?? '');
      // An empty TwiML answer: no automatic reply.
      return reply.code(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    });
  });
}
