/**
 * The protocol version every request of the app names (see protocol.ts). No
 * zod here: the app's entry script imports this (src/sync/protocolFetch.ts),
 * and a zod schema built before zodConfig.ts has run probes for eval, which
 * the server's Content-Security-Policy reports as a violation.
 */

export const PROTOCOL_VERSION = 1;

/**
 * Every request of the app names the protocol it speaks. A server that can no
 * longer serve that version, or does not know it yet, answers 426 with an
 * `IncompatibleClientError` before doing anything else, and the app says
 * "update needed" instead of failing in ways a person cannot read. A request
 * without the header (curl, an older app) is served as version 1.
 */
export const PROTOCOL_VERSION_HEADER = 'X-Protocol-Version';
/** The oldest app protocol this server still serves. */
export const MIN_CLIENT_PROTOCOL = 1;

/** Why a server cannot serve a client (tldraw's TLIncompatibilityReason plays the same part). */
export type IncompatibilityReason =
  /** The app is older than the server supports: it must update (reloading fetches the new version). */
  | 'client_too_old'
  /** The app is newer than the server: the server must be updated; the app keeps its changes meanwhile. */
  | 'client_too_new';

export interface IncompatibleClientError {
  error: 'incompatible_client';
  reason: IncompatibilityReason;
  message: string;
  serverProtocol: number;
  minClientProtocol: number;
}

/** Whether a server speaking `server` (and serving clients from `min` on) can serve a client speaking `client`. */
export function protocolIncompatibility(
  client: number,
  server: number = PROTOCOL_VERSION,
  min: number = MIN_CLIENT_PROTOCOL,
): IncompatibilityReason | undefined {
  if (client < min) return 'client_too_old';
  if (client > server) return 'client_too_new';
  return undefined;
}

/** Reads a 426 answer's body: the typed reason, or undefined for anything else. */
export function readIncompatibleClientError(body: unknown): IncompatibleClientError | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (b.error !== 'incompatible_client') return undefined;
  if (b.reason !== 'client_too_old' && b.reason !== 'client_too_new') return undefined;
  if (typeof b.message !== 'string' || !Number.isInteger(b.serverProtocol) || !Number.isInteger(b.minClientProtocol)) {
    return undefined;
  }
  return {
    error: 'incompatible_client',
    reason: b.reason,
    message: b.message,
    serverProtocol: b.serverProtocol as number,
    minClientProtocol: b.minClientProtocol as number,
  };
}
