/**
 * Every HTTP contract besides replication's (../protocol.ts): each request
 * and answer defined once, with zod. The server's routes declare these
 * (sync-server/src/routes/contract.ts) and validate what they answer; the
 * app calls them through one client (../apiClient.ts), which parses every
 * answer with the same schema.
 */
import { adminEndpoints } from './admin';
import { auditEndpoints } from './audit';
import { authEndpoints } from './auth';
import { deviceEndpoints } from './devices';
import { deviceScopeEndpoints } from './deviceScope';
import { directoryEndpoints } from './directory';
import { helplineEndpoints, importEndpoints } from './helpline';
import { messagesEndpoints } from './messages';
import { publicEndpoints } from './demo';

export const API = {
  ...publicEndpoints,
  auth: authEndpoints,
  ...directoryEndpoints,
  audit: auditEndpoints,
  admin: adminEndpoints,
  devices: deviceEndpoints,
  deviceScope: deviceScopeEndpoints,
  helpline: helplineEndpoints,
  import: importEndpoints,
  messages: messagesEndpoints,
};

export * from './endpoint';
export * from './errors';
export * from './auth';
export * from './directory';
export * from './audit';
export * from './admin';
export * from './devices';
export * from './deviceScope';
export * from './demo';
export * from './messages';
