/** Sign-in, sign-out and "who am I": see routes/README.md for the contract. */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import { changeOwnPassword, login, logout, type AuthDeps } from '../services/auth';
import type { ChangeNotifier } from '../services/changes';
import { nameDevice } from '../services/deviceNames';
import { headerDeviceId, principalOf } from './actor';
import { route } from './contract';

/** POST /api/auth/login is the one API route besides /api/health that needs no session. */
export function registerLoginRoute(app: FastifyInstance, deps: AuthDeps) {
  route(app, API.auth.login, async (request, reply) => {
    const deviceId = headerDeviceId(request);
    const response = await login(deps, request.body, {
      ip: request.ip,
      ...(deviceId === undefined ? {} : { headerDeviceId: deviceId }),
    });
    // A token must never sit in a shared cache.
    reply.header('Cache-Control', 'no-store');
    return response;
  });
}

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: AuthDeps,
  notifier?: Pick<ChangeNotifier, 'publishAccountChange'>,
) {
  route(app, API.auth.logout, async (request) => {
    const principal = principalOf(request);
    await logout(deps, principal);
    // The change stream this session opened closes now, not at its next heartbeat.
    notifier?.publishAccountChange(principal.userId);
  });

  route(app, API.auth.me, async (request) => {
    const principal = principalOf(request);
    return {
      user: principal.user,
      expiresAt: principal.expiresAt,
      ...(principal.mustChangePassword ? { mustChangePassword: true as const } : {}),
    };
  });

  // The name the person gave this device at PIN setup; see services/devices.ts.
  route(app, API.auth.nameDevice, async (request) => nameDevice(deps, principalOf(request), request.body));

  route(app, API.auth.changePassword, async (request) => {
    const principal = principalOf(request);
    await changeOwnPassword(deps, principal, request.body);
    // The other sessions just ended: their change streams close now.
    notifier?.publishAccountChange(principal.userId);
  });
}
