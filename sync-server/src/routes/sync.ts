/** The replication endpoints: thin wrappers that parse the request and call a service. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '../../../src/domain/collections';
import type { Store } from '../store/types';
import type { ChangeNotifier } from '../services/changes';
import { pullVisible, pushAuthorized } from '../services/access';
import { parsePullQuery } from '../services/pull';
import { parseSchemaVersion } from '../services/pushRows';
import { SCHEMA_VERSION_HEADER } from '../../../src/sync/protocol';
import { principalOf } from './actor';
import { collectionParam } from './collection';

export interface SyncRouteDeps {
  store: Store;
  notifier: ChangeNotifier;
  now?: () => string;
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
    return pullVisible(deps.store, principalOf(request), collection, checkpoint, limit, count);
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
