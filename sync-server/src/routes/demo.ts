import type { FastifyInstance } from 'fastify';
import { API, type DemoResponse } from '@waystation/protocol/api';
import { route } from './contract';

/** Public: the app asks before sign-in whether to show the demo banner and accounts. */
export function registerDemoRoute(app: FastifyInstance, demo: DemoResponse) {
  route(app, API.demo, async (_request, reply) => {
    // A device must not keep a stale answer after the same address serves a real deployment.
    void reply.header('Cache-Control', 'no-store');
    return demo;
  });
}
