/** Coordinators' exports, reported by the app to the audit log (see services/exportAudit.ts). */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import type { Store } from '../store/types';
import { recordExport } from '../services/exportAudit';
import { principalOf } from './actor';
import { route } from './contract';

export function registerExportAuditRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }) {
  route(app, API.audit.exports, async (request) => recordExport(deps, principalOf(request), request.body));
}
