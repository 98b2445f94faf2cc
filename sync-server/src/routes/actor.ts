/**
 * Who is behind a request. `requireSignIn` is the onRequest hook of every
 * protected route (see app.ts): it resolves the Bearer token to a Principal
 * or answers 401 before the route runs. `principalOf` hands that Principal to
 * the route; asking for it on a route without the hook is a server bug.
 */
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../services/actor';
import { authenticate, deviceRevokedError, passwordChangeRequired, type AuthDeps } from '../services/auth';

/** What a session whose password someone else chose may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['POST /api/auth/password', 'POST /api/auth/logout', 'GET /api/auth/me']);

/** What a revoked device may still do: push what it holds, then say it wiped itself (route patterns). */
const ALLOWED_TO_REVOKED_DEVICE = new Set(['POST /api/sync/:collection/push', 'POST /api/devices/wiped']);

const MAX_DEVICE_ID_LENGTH = 64;
const principals = new WeakMap<FastifyRequest, Principal>();

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function headerDeviceId(request: FastifyRequest): string | undefined {
  return header(request, 'x-device-id')?.trim().slice(0, MAX_DEVICE_ID_LENGTH) || undefined;
}

export function requireSignIn(deps: AuthDeps) {
  return async (request: FastifyRequest) => {
    const principal = await authenticate(deps, header(request, 'authorization'), headerDeviceId(request));
    if (principal.mustChangePassword) {
      const route = `${request.method} ${request.url.split('?')[0] ?? ''}`;
      if (!ALLOWED_BEFORE_PASSWORD_CHANGE.has(route)) throw passwordChangeRequired();
    }
    if (principal.deviceRevoked) {
      const pattern = `${request.method} ${request.routeOptions.url ?? ''}`;
      if (!ALLOWED_TO_REVOKED_DEVICE.has(pattern)) throw deviceRevokedError();
    }
    principals.set(request, principal);
  };
}

/**
 * Checks the request's session again, for a request that outlives the check
 * made when it arrived (the change stream): the current principal, or
 * undefined once the session ended, expired or the account was disabled.
 */
export function recheckSignIn(deps: AuthDeps) {
  return async (request: FastifyRequest): Promise<Principal | undefined> => {
    try {
      const principal = await authenticate(deps, header(request, 'authorization'), headerDeviceId(request));
      // A stream is never open for such a session; should one be, it closes like an ended session.
      return principal.mustChangePassword || principal.deviceRevoked ? undefined : principal;
    } catch {
      return undefined;
    }
  };
}

export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal) throw new Error(`No sign-in check on ${request.method} ${request.url}`);
  return principal;
}
