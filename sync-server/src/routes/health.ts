import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '@waystation/protocol';
import { API } from '@waystation/protocol/api';
import { route } from './contract';

const packageJson = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')));

export function registerHealthRoutes(app: FastifyInstance) {
  route(app, API.health, async () => ({
    status: 'ok' as const,
    version: packageJson.version,
    protocol: PROTOCOL_VERSION,
  }));
}
