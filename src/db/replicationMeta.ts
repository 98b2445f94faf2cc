/**
 * Where RxDB keeps a replicated collection's replication meta: for each
 * record, the version the server last sent (the "assumed master state"),
 * which the upstream compares a local version with to decide whether to push
 * it. A record let go on the device only (deviceScopePurge.ts) must change
 * there too, or the meta would keep its content and the upstream would push
 * the removal as a deletion.
 */
import {
  createRevision,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  hasEncryption,
  now,
  type RxDocumentData,
  type RxStorageInstance,
} from 'rxdb';
import type { CollectionName } from '../domain/collections';
import { syncedCollection, type WaystationDatabase } from './database';

/** The replication's id of a collection against a server (src/sync/replication.ts); a new server starts afresh. */
export function replicationIdentifier(name: CollectionName, baseUrl: string): string {
  return `waystation-${name}-${baseUrl}`;
}

type Meta = RxDocumentData<{ id: string; isCheckpoint: string; itemId: string; docData?: unknown }>;
export type MetaInstance = RxStorageInstance<Meta, unknown, unknown, unknown>;

/** Opens the collection's replication meta as RxDB's replication does (the caller closes it). */
export async function openReplicationMeta(db: WaystationDatabase, name: CollectionName, baseUrl: string): Promise<MetaInstance> {
  const collection = syncedCollection(db, name);
  const collectionName = `rx-replication-meta-${await db.hashFunction([name, replicationIdentifier(name, baseUrl)].join('-'))}`;
  return (await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema: getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, hasEncryption(collection.schema.jsonSchema)),
    password: db.password,
    devMode: false,
  })) as unknown as MetaInstance;
}

/** Makes `docs` (plain records with `_deleted`) the versions the replication takes as the server's. */
export async function setAssumedServerVersions(
  db: WaystationDatabase,
  meta: MetaInstance,
  docs: readonly ({ id: string } & Record<string, unknown>)[],
): Promise<Set<string>> {
  if (docs.length === 0) return new Set();
  const keyOf = (itemId: string) =>
    getComposedPrimaryKeyOfDocumentData(meta.schema as never, { itemId, isCheckpoint: '0' } as never);
  const previous = new Map(
    (await meta.findDocumentsById(docs.map((doc) => keyOf(doc.id)), true)).map((row) => [row.itemId, row]),
  );
  const time = now();
  const rows = docs.map((doc) => {
    const before = previous.get(doc.id);
    const document: Meta = {
      ...(before ?? { isCheckpoint: '0', itemId: doc.id, _attachments: {}, _deleted: false }),
      id: keyOf(doc.id),
      docData: doc,
      _meta: { ...(before?._meta ?? {}), lwt: time },
      _rev: createRevision(db.token, before),
    } as Meta;
    return before ? { previous: before, document } : { document };
  });
  const result = await meta.bulkWrite(rows, 'device-scope-purge');
  const failed = new Set(result.error.map((error) => error.documentId));
  return new Set(docs.map((doc) => doc.id).filter((id) => !failed.has(keyOf(id))));
}
