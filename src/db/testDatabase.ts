/**
 * Test helper: a fresh device store on RxDB's in-memory storage (encryption
 * still applied). Close it in afterEach: free RxDB allows 13 open collections.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createWaystationDatabase, type AnyRxStorage, type WaystationDatabase } from './database';

let counter = 0;

export function createTestDatabase(storage: AnyRxStorage = getRxStorageMemory()): Promise<WaystationDatabase> {
  counter += 1;
  return createWaystationDatabase({
    name: `test-${Date.now().toString(36)}-${counter}`,
    storage,
    encryptionPassword: 'test-password-123',
    multiInstance: false,
  });
}
