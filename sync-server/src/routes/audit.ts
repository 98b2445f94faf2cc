/** The audit log: the app's reports of sensitive reads, and reading the log (coordinators, admins). */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import type { Store } from '../store/types';
import { queryAudit, recordReads } from '../services/auditLog';
import { recordAuditEvents } from '../services/auditEvents';
import { withDeviceNames } from '../services/deviceNames';
import { principalOf } from './actor';
import { route } from './contract';

export function registerAuditRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }) {
  route(app, API.audit.reads, async (request) => recordReads(deps, principalOf(request), request.body));
  // Helpline caller verification attempts and overrides (allow-listed actions only).
  route(app, API.audit.events, async (request) => recordAuditEvents(deps, principalOf(request), request.body));

  route(app, API.audit.list, async (request) => ({
    entries: await withDeviceNames(deps.store, await queryAudit(deps.store, principalOf(request), request.query)),
  }));
}
