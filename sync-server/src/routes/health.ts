import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_VERSION, type HealthResponse } from '../../../src/sync/protocol';

const packageJson = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')));

export function registerHealthRoutes(app: FastifyInstance) {
  app.get('/api/health', async (): Promise<HealthResponse> => ({
    status: 'ok',
    version: packageJson.version,
    protocol: PROTOCOL_VERSION,
  }));
}
