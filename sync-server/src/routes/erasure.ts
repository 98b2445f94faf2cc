/** A person's request: export everything about them, and erasure asked by one coordinator, confirmed by another (services/erasure.ts). */
import type { FastifyInstance } from 'fastify';
import * as erasure from '../services/erasure';
import type { ErasureDeps } from '../services/erasure';
import { principalOf } from './actor';

export function registerErasureRoutes(app: FastifyInstance, deps: ErasureDeps) {
  app.post('/api/subjects/export', async (request) => erasure.exportSubject(deps, principalOf(request), request.body));
  app.get('/api/erasures', async (request) => erasure.listErasures(deps, principalOf(request)));
  app.post('/api/erasures', async (request) => erasure.requestErasure(deps, principalOf(request), request.body));
  app.post<{ Params: { id: string } }>('/api/erasures/:id/confirm', async (request) =>
    erasure.confirmErasure(deps, principalOf(request), request.params.id),
  );
}
