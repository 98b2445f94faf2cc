/** POST /api/import/rows: one chunk of a spreadsheet import (services/importRows.ts). */
import type { FastifyInstance } from 'fastify';
import { importRows, type ImportDeps } from '../services/importRows';
import { principalOf } from './actor';

export function registerImportRoutes(app: FastifyInstance, deps: ImportDeps) {
  app.post('/api/import/rows', async (request) => importRows(deps, principalOf(request), request.body));
}
