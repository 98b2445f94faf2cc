/**
 * Documents stored before a schema version was released are read in the
 * current shape: the registry's migrations (src/domain/collections.ts) only
 * fill what is missing, so applying them to every document read is cheap and
 * changes nothing in a document already current. Every reader of the store
 * (pull, push, audit, export) therefore sees one shape; a document is
 * rewritten in it at rest by its next change.
 */
import { isCollectionName, upgradeDocument } from '@waystation/domain/collections';
import type { WireDocument } from '@waystation/protocol';

export function currentShape(collection: string, doc: WireDocument): WireDocument {
  return isCollectionName(collection) ? upgradeDocument(collection, doc) : doc;
}
