/**
 * The protocol handshake (src/sync/protocol.ts): every /api request that names
 * its protocol version is checked before sign-in, parsing or any work, so an
 * app too old or too new for this server gets one typed answer (426) it can
 * act on. Health answers every client: it is how one learns the server's version.
 */
import type { FastifyInstance } from 'fastify';
import {
  MIN_CLIENT_PROTOCOL,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  protocolIncompatibility,
  type ApiError,
  type IncompatibleClientError,
} from '@waystation/protocol';

export interface ProtocolOptions {
  /** The protocol this server speaks (tests start a "newer" or "older" server). */
  serverProtocol?: number;
  minClientProtocol?: number;
}

const MESSAGES = {
  client_too_old: 'This app is older than the server can serve: reload it to update.',
  client_too_new: 'This app is newer than the server: the server must be updated; changes stay on the device.',
} as const;

export function registerProtocolCheck(app: FastifyInstance, options: ProtocolOptions = {}): void {
  const server = options.serverProtocol ?? PROTOCOL_VERSION;
  const min = options.minClientProtocol ?? MIN_CLIENT_PROTOCOL;
  const header = PROTOCOL_VERSION_HEADER.toLowerCase();
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/health')) return;
    const raw = request.headers[header];
    if (raw === undefined) return;
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (!text || !/^\d{1,6}$/.test(text)) {
      const body: ApiError = {
        error: 'invalid_protocol_version',
        message: `${PROTOCOL_VERSION_HEADER} must be a whole number; nothing was done`,
      };
      return reply.code(400).send(body);
    }
    const reason = protocolIncompatibility(Number(text), server, min);
    if (!reason) return;
    const body: IncompatibleClientError = {
      error: 'incompatible_client',
      reason,
      message: MESSAGES[reason],
      serverProtocol: server,
      minClientProtocol: min,
    };
    return reply.code(426).send(body);
  });
}
