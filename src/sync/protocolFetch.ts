/**
 * The one fetch every call of the app to its server goes through (sign-in,
 * replication, the change stream, admin and audit calls): it names the
 * protocol the app speaks, and notices when the server answers that it cannot
 * serve this app (426, src/sync/protocol.ts). The app then says "update
 * needed" (src/app/UpdateNeededBanner.tsx) instead of failing call by call.
 */
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  readIncompatibleClientError,
  type IncompatibilityReason,
} from './protocolVersion';

let incompatibility: IncompatibilityReason | undefined;
const listeners = new Set<() => void>();

/** Why the server cannot serve this app, once it has said so; undefined while all is well. */
export function currentIncompatibility(): IncompatibilityReason | undefined {
  return incompatibility;
}

export function subscribeIncompatibility(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(reason: IncompatibilityReason): void {
  if (incompatibility === reason) return;
  incompatibility = reason;
  for (const listener of listeners) listener();
}

/** Tests start from a compatible state. */
export function resetIncompatibility(): void {
  incompatibility = undefined;
  for (const listener of listeners) listener();
}

export async function protocolFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(PROTOCOL_VERSION_HEADER, String(PROTOCOL_VERSION));
  const response = await fetch(input, { ...init, headers });
  if (response.status === 426) {
    const body = readIncompatibleClientError(await response.clone().json().catch(() => undefined));
    if (body) report(body.reason);
  } else if (response.ok && incompatibility !== undefined) {
    // Served again (the server was rolled back, or updated to serve this release): nothing to say any more.
    resetIncompatibility();
  }
  return response;
}
