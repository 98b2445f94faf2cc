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
import { STREAM_EVENT_CHANGE, type StreamEvent } from '@waystation/protocol';
import { canRead } from '@waystation/domain/access';
import { isCollectionName } from '@waystation/domain/collections';
import type { ChangeNotice, ChangeNotifier } from '../services/changes';
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
   * The request's session checked again (undefined once it ended). Runs when
   * the notifier reports a change to the stream's account (a sign-out, a
   * revoked session, a disabled account: the stream closes at once) and with
   * every heartbeat (an expired session); the stream follows role and site changes.
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
    wants: (principal: Principal, collection: string) => boolean,
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

    let closed = false;
    /** Notices heard while the session is being checked again: sent, or dropped, once the check answers. */
    let held: ChangeNotice[] | undefined;
    const announce = (notice: ChangeNotice) => {
      // Only what this user may pull: a collection of their role, written in one of their sites.
      if (!wants(principal, notice.collection) || !principal.siteIds.includes(notice.siteId)) return;
      const event: StreamEvent = { collection: notice.collection, seq: notice.seq };
      response.write(`event: ${STREAM_EVENT_CHANGE}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = deps.notifier.subscribe((notice) => {
      if (held) held.push(notice);
      else announce(notice);
    });

    let checking = false;
    let checkAgain = false;
    const checkSession = async (): Promise<void> => {
      if (!deps.recheck || closed) return;
      // One check at a time; one asked for meanwhile runs after it, since the running one may have
      // read the account before the change it is asked about.
      if (checking) {
        checkAgain = true;
        return;
      }
      checking = true;
      const current = await deps.recheck(request);
      checking = false;
      if (checkAgain) {
        checkAgain = false;
        return checkSession();
      }
      const pending = held ?? [];
      held = undefined;
      if (!current) {
        // The device reconnects, is refused with 401, and stops syncing until someone signs in.
        request.log.info('change stream closed: the session ended');
        response.end();
        return;
      }
      principal = current;
      for (const notice of pending) announce(notice);
    };
    // The account changed (disabled, signed out, password reset, roles or sites edited): hold every
    // notice until the session is checked, so nothing reaches a device whose access just ended.
    const unsubscribeAccount = deps.notifier.subscribeAccountChanges((userId) => {
      if (userId !== principal.userId || closed || !deps.recheck) return;
      held ??= [];
      void checkSession();
    });
    // A comment line keeps idle proxies and load balancers from closing the connection; the session
    // is checked with each heartbeat too, for what no notice reports (an expired session).
    const heartbeat = setInterval(() => {
      response.write(': heartbeat\n\n');
      void checkSession();
    }, heartbeatMs);

    const cleanUp = () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeAccount();
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
      (principal, changed) => isCollectionName(changed) && canRead(principal.roles, changed),
    );
  });

  app.get('/api/sync/:collection/stream', (request, reply) => {
    const collection = collectionParam(request.params);
    assertCanRead(principalOf(request), collection);
    request.log.info({ collection }, 'change stream opened');
    openStream(
      request,
      reply,
      (principal, changed) => changed === collection && canRead(principal.roles, collection),
    );
  });
}
