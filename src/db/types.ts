/**
 * Typed handles on the device store. Document types come from the domain's
 * zod schemas through the collections registry, so a field or a collection
 * added there is known here without a second edit.
 */
import type { RxCollection, RxDatabase } from 'rxdb';
import type { z } from 'zod';
import type { COLLECTIONS, CollectionName } from '../domain/collections';
import type { OutboxCollection } from './outbox';

/** Each synced collection's document type, from its schema in the registry (domain/collections.ts). */
export type DocumentTypes = { [K in CollectionName]: z.infer<(typeof COLLECTIONS)[K]['schema']> };

export type SyncedCollections = { [K in CollectionName]: RxCollection<DocumentTypes[K]> };

export type WaystationCollections = SyncedCollections & { outbox: OutboxCollection };

export type WaystationDatabase = RxDatabase<WaystationCollections>;
