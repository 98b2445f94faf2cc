/**
 * The schema of a record as it travels: the collection's domain schema plus
 * the replication flag `_deleted`, with no other unknown fields allowed.
 */
import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '@waystation/domain/collections';

function build(collection: CollectionName) {
  return COLLECTIONS[collection].schema.extend({ _deleted: z.boolean() }).strict();
}

export type WireSchema = ReturnType<typeof build>;

const cache = new Map<CollectionName, WireSchema>();

export function wireSchema(collection: CollectionName): WireSchema {
  let schema = cache.get(collection);
  if (!schema) {
    schema = build(collection);
    cache.set(collection, schema);
  }
  return schema;
}
