/** The replication endpoints: thin wrappers that parse the request and call a service. */
import { promisify } from 'node:util';
import { gzip as gzipCallback, constants as zlibConstants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '@waystation/domain/collections';
import type { Store } from '../store/types';
import type { ChangeNotifier } from '../services/changes';
import { pullVisible, pushAuthorized } from '../services/access';
import { parsePullQuery } from '../services/pull';
import { parseSchemaVersion } from '../services/pushRows';
import { MAX_SNAPSHOT_LIMIT, SCHEMA_VERSION_HEADER } from '@waystation/protocol';
import { principalOf } from './actor';
import { collectionParam } from './collection';

export interface SyncRouteDeps {
  store: Store;
  notifier: ChangeNotifier;
  now?: () => string;
}

const gzip = promisify(gzipCallback);

/** The server's clock (tests move it): the device scope's "now". */
function clock(deps: SyncRouteDeps): Date {
  return deps.now ? new Date(deps.now()) : new Date();
}

/** Whether the client accepts gzip (every browser does; `gzip;q=0` refuses it). */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const jsonSchemas = new Map<CollectionName, unknown>();

function jsonSchemaOf(collection: CollectionName): unknown {
  let schema = jsonSchemas.get(collection);
  if (schema === undefined) {
    schema = z.toJSONSchema(COLLECTIONS[collection].schema);
    jsonSchemas.set(collection, schema);
  }
  return schema;
}

export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps) {
  app.get('/api/sync/:collection/schema', async (request) => jsonSchemaOf(collectionParam(request.params)));

  app.get('/api/sync/:collection/pull', async (request) => {
    const collection = collectionParam(request.params);
    const { checkpoint, limit, count } = parsePullQuery(request.query as Record<string, unknown>);
    return pullVisible(deps.store, principalOf(request), collection, checkpoint, limit, count, clock(deps));
  });

  // A fresh device's bootstrap: the pull's page (same scoping and fields, same
  // commit order, so the checkpoint it ends on is one an ordinary pull continues
  // from) in pages of up to MAX_SNAPSHOT_LIMIT, compressed on a worker thread
  // at gzip's fastest level (JSON of records shrinks ~5×; a phone's line is the limit).
  app.get('/api/sync/:collection/snapshot', async (request, reply) => {
    const collection = collectionParam(request.params);
    const { checkpoint, limit, count } = parsePullQuery(request.query as Record<string, unknown>, MAX_SNAPSHOT_LIMIT);
    const page = await pullVisible(deps.store, principalOf(request), collection, checkpoint, limit, count, clock(deps));
    const json = JSON.stringify(page);
    reply.header('Content-Type', 'application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
    if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(json);
    const body = await gzip(json, { level: zlibConstants.Z_BEST_SPEED });
    return reply.header('Content-Encoding', 'gzip').send(body);
  });

  app.post('/api/sync/:collection/push', async (request) => {
    const collection = collectionParam(request.params);
    const schemaVersion = parseSchemaVersion(
      collection,
      request.headers[SCHEMA_VERSION_HEADER.toLowerCase()],
    );
    const outcome = await pushAuthorized(deps, principalOf(request), collection, request.body, schemaVersion);
    request.log.info(
      {
        collection,
        rows: Array.isArray(request.body) ? request.body.length : 0,
        schemaVersion,
        returned: outcome.response.length,
        conflicts: outcome.conflictsCreated,
      },
      'push applied',
    );
    return outcome.response;
  });
}
