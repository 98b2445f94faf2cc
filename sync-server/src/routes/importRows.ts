/** POST /api/import/rows: one chunk of a spreadsheet import (services/importRows.ts). */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import { importRows, type ImportDeps } from '../services/importRows';
import { principalOf } from './actor';
import { route } from './contract';

export function registerImportRoutes(app: FastifyInstance, deps: ImportDeps) {
  route(app, API.import.rows, async (request) => importRows(deps, principalOf(request), request.body));
}
