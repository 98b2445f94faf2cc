/** Device sync health: every device reports; administrators list and revoke (services/devices.ts). */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_STALE_DAYS, staleDaysSchema } from '@waystation/domain/devices';
import { forbidden } from '../services/access';
import * as devices from '../services/devices';
import type { DeviceDeps } from '../services/devices';
import { InputError } from '../services/errors';
import { API } from '@waystation/protocol/api';
import { principalOf } from './actor';
import { route } from './contract';

function staleDaysOf(query: unknown): number {
  const value = (query as { staleDays?: unknown } | undefined)?.staleDays;
  if (value === undefined) return DEFAULT_STALE_DAYS;
  const parsed = staleDaysSchema.safeParse(value);
  if (!parsed.success) throw new InputError('invalid_query', 'staleDays must be a whole number of days from 1 to 365');
  return parsed.data;
}

export function registerDeviceRoutes(app: FastifyInstance, deps: DeviceDeps) {
  route(app, API.devices.report, async (request) => {
    await devices.reportDevice(deps, principalOf(request), request.body);
  });
  route(app, API.devices.wiped, async (request) => {
    await devices.confirmWiped(deps, principalOf(request));
  });

  route(app, API.devices.list, async (request) => {
    if (!principalOf(request).roles.includes('admin')) throw forbidden('Only administrators may do this');
    const staleDays = staleDaysOf(request.query);
    return { staleDays, devices: await devices.listDevices(deps, staleDays) };
  });
  route(app, API.devices.revoke, async (request) => {
    const principal = principalOf(request);
    if (!principal.roles.includes('admin')) throw forbidden('Only administrators may do this');
    return devices.revokeDevice(deps, principal, request.body);
  });
}
