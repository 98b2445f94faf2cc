/** Sign-in, sign-out and "who am I": see routes/README.md for the contract. */
import type { FastifyInstance } from 'fastify';
import type { MeResponse } from '../../../src/domain/accounts';
import { changeOwnPassword, login, logout, type AuthDeps } from '../services/auth';
import type { ChangeNotifier } from '../services/changes';
import { nameDevice } from '../services/deviceNames';
import { headerDeviceId, principalOf } from './actor';

/** POST /api/auth/login is the one API route besides /api/health that needs no session. */
export function registerLoginRoute(app: FastifyInstance, deps: AuthDeps) {
  app.post('/api/auth/login', async (request, reply) => {
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
  app.post('/api/auth/logout', async (request, reply) => {
    const principal = principalOf(request);
    await logout(deps, principal);
    // The change stream this session opened closes now, not at its next heartbeat.
    notifier?.publishAccountChange(principal.userId);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request): Promise<MeResponse> => {
    const principal = principalOf(request);
    return {
      user: principal.user,
      expiresAt: principal.expiresAt,
      ...(principal.mustChangePassword ? { mustChangePassword: true as const } : {}),
    };
  });

  // The name the person gave this device at PIN setup; see services/devices.ts.
  app.put('/api/device', async (request) => nameDevice(deps, principalOf(request), request.body));

  app.post('/api/auth/password', async (request, reply) => {
    const principal = principalOf(request);
    await changeOwnPassword(deps, principal, request.body);
    // The other sessions just ended: their change streams close now.
    notifier?.publishAccountChange(principal.userId);
    return reply.code(204).send();
  });
}
