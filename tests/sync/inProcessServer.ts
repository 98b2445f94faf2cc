/**
 * The sync server's real push and pull services on a real (temporary) SQLite
 * store, called in-process: the property test runs thousands of syncs, and
 * HTTP framing is covered by the server tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import { push } from '../../sync-server/src/services/push';
import { pull } from '../../sync-server/src/services/pull';
import { isCollectionName } from '../../src/domain/collections';
import type { Checkpoint, PullResponse, PushRow, WireDocument } from '../../src/sync/protocol';
import type { SyncServer } from './syncModel';

export interface TestSyncServer extends SyncServer {
  close(): Promise<void>;
}

function collectionName(name: string) {
  if (!isCollectionName(name)) throw new Error(`unknown collection ${name}`);
  return name;
}

export async function openTestSyncServer(): Promise<TestSyncServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waystation-prop-'));
  const store = openSqliteStore(path.join(dir, 'test.sqlite'));
  await store.migrate();
  return {
    async push(collection: string, rows: PushRow[]): Promise<WireDocument[]> {
      const deviceId = String(rows[0]?.newDocumentState.deviceId ?? 'unknown');
      const outcome = await push({ store }, collectionName(collection), rows, { userId: deviceId, deviceId });
      return outcome.response;
    },
    async pull(collection: string, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse> {
      return pull(store, collectionName(collection), checkpoint, limit);
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
