import type { FastifyInstance } from 'fastify';
import type { DemoResponse } from '../../../src/sync/protocol';

/** Public: the app asks before sign-in whether to show the demo banner and accounts. */
export function registerDemoRoute(app: FastifyInstance, demo: DemoResponse) {
  app.get('/api/demo', async (_request, reply): Promise<DemoResponse> => {
    // A device must not keep a stale answer after the same address serves a real deployment.
    void reply.header('Cache-Control', 'no-store');
    return demo;
  });
}
