/** Device scope over time (issue 21 item 1): what each device keeps, and the administrators' rules. */
import { deviceScopeSettingsSchema, deviceScopeSiteSchema, myDeviceScopeSchema } from '../../domain/deviceScope';
import { endpoint } from './endpoint';

export const deviceScopeEndpoints = {
  /** The signed-in user's scope on this device, with the server's clock. */
  mine: endpoint({ method: 'GET', path: '/api/device-scope', response: myDeviceScopeSchema }),
  /** Every site's rule per role (administrators). */
  read: endpoint({ method: 'GET', path: '/api/admin/device-scope', response: deviceScopeSettingsSchema }),
  /** Sets one site's rules for the roles named (administrators); answers every site's. */
  write: endpoint({
    method: 'PUT',
    path: '/api/admin/device-scope',
    body: deviceScopeSiteSchema,
    response: deviceScopeSettingsSchema,
  }),
};
