/**
 * Server-Sent Events telling a device that a collection changed, so it pulls
 * now instead of polling:
 *   GET /api/sync/stream               every collection the user may read (what the app uses:
 *                                      one connection, within the browser's six per server)
 *   GET /api/sync/:collection/stream   one collection
 * The response is taken over from Fastify (hijacked) because it never ends on its own.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STREAM_EVENT_CHANGE, type StreamEvent } from '../../../src/sync/protocol';
import { canRead } from '../../../src/domain/access';
import { isCollectionName } from '../../../src/domain/collections';
import type { ChangeNotifier } from '../services/changes';
import { assertCanRead } from '../services/access';
import type { Principal } from '../services/actor';
import { principalOf } from './actor';
import { collectionParam } from './collection';

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 5_000;

export interface StreamRouteDeps {
  notifier: ChangeNotifier;
  heartbeatMs?: number;
  /**
   * The request's session checked again (undefined once it ended). Runs with
   * every heartbeat: a stream opened before a sign-out, a revoked session or a
   * disabled account closes within one heartbeat, and follows role changes.
   */
  recheck?: (request: FastifyRequest) => Promise<Principal | undefined>;
}

export function registerStreamRoutes(app: FastifyInstance, deps: StreamRouteDeps) {
  const open = new Set<ServerResponse>();
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;

  // Open streams would otherwise keep `app.close()` waiting forever.
  app.addHook('preClose', (done) => {
    for (const response of open) response.end();
    done();
  });

  function openStream(
    request: FastifyRequest,
    reply: FastifyReply,
    wants: (principal: Principal, event: StreamEvent) => boolean,
  ) {
    let principal = principalOf(request);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    open.add(response);

    const unsubscribe = deps.notifier.subscribe((event: StreamEvent) => {
      if (!wants(principal, event)) return;
      response.write(`event: ${STREAM_EVENT_CHANGE}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    // A comment line keeps idle proxies and load balancers from closing the connection.
    const heartbeat = setInterval(() => {
      response.write(': heartbeat\n\n');
      void deps.recheck?.(request).then((current) => {
        if (current) {
          principal = current;
          return;
        }
        // The device reconnects, is refused with 401, and stops syncing until someone signs in.
        request.log.info('change stream closed: the session ended');
        response.end();
      });
    }, heartbeatMs);

    const cleanUp = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(response);
    };
    request.raw.on('close', cleanUp);
    response.on('close', cleanUp);
  }

  app.get('/api/sync/stream', (request, reply) => {
    request.log.info('change stream opened');
    openStream(
      request,
      reply,
      (principal, event) => isCollectionName(event.collection) && canRead(principal.roles, event.collection),
    );
  });

  app.get('/api/sync/:collection/stream', (request, reply) => {
    const collection = collectionParam(request.params);
    assertCanRead(principalOf(request), collection);
    request.log.info({ collection }, 'change stream opened');
    openStream(
      request,
      reply,
      (principal, event) => event.collection === collection && canRead(principal.roles, collection),
    );
  });
}
