/** Each device's sync health: every device reports; administrators list and revoke. */
import { z } from 'zod';
import {
  deviceListResponseSchema,
  deviceReportSchema,
  revokeDeviceResponseSchema,
  revokeDeviceSchema,
} from '../../domain/devices';
import { endpoint } from './endpoint';

/** `staleDays`: devices not synced for this many days are listed first (default DEFAULT_STALE_DAYS). */
export const deviceListQuerySchema = z.object({ staleDays: z.string().optional() });

export const deviceEndpoints = {
  report: endpoint({ method: 'POST', path: '/api/devices/report', body: deviceReportSchema, response: null, status: 204 }),
  wiped: endpoint({ method: 'POST', path: '/api/devices/wiped', response: null, status: 204 }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/devices',
    query: deviceListQuerySchema,
    response: deviceListResponseSchema,
  }),
  revoke: endpoint({
    method: 'POST',
    path: '/api/admin/devices/revoke',
    body: revokeDeviceSchema,
    response: revokeDeviceResponseSchema,
  }),
};
