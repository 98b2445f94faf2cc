/**
 * Test helper: a fresh device store on RxDB's in-memory storage (encryption
 * still applied). Close it in afterEach: free RxDB allows 13 open collections.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { CollectionName } from '../domain/collections';
import { createWaystationDatabase, type AnyRxStorage, type WaystationDatabase } from './database';

let counter = 0;

/** The intake collections: enough for most tests, and two such devices fit in RxDB's limit. */
export const INTAKE_COLLECTIONS: readonly CollectionName[] = ['households', 'people', 'sensitive', 'conflicts'];

export function createTestDatabase(
  storage: AnyRxStorage = getRxStorageMemory(),
  collections?: readonly CollectionName[],
): Promise<WaystationDatabase> {
  counter += 1;
  return createWaystationDatabase({
    name: `test-${Date.now().toString(36)}-${counter}`,
    storage,
    encryptionPassword: 'test-password-123',
    multiInstance: false,
    ...(collections ? { collections } : {}),
  });
}
