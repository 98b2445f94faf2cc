/** The audit log: the app's reports of sensitive reads, and reading the log (coordinators, admins). */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { queryAudit, recordReads } from '../services/auditLog';
import { recordAuditEvents } from '../services/auditEvents';
import { withDeviceNames } from '../services/deviceNames';
import { principalOf } from './actor';

export function registerAuditRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }) {
  app.post('/api/audit/reads', async (request) => recordReads(deps, principalOf(request), request.body));
  // Helpline caller verification attempts and overrides (allow-listed actions only).
  app.post('/api/audit/events', async (request) =>
    recordAuditEvents(deps, principalOf(request), request.body),
  );

  app.get('/api/audit', async (request) => ({
    entries: await withDeviceNames(deps.store, await queryAudit(deps.store, principalOf(request), request.query)),
  }));
}
