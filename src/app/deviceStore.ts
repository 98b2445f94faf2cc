/**
 * The device side of one signed-in user: their own encrypted database (one
 * per user per device, so a shared tablet never mixes users' records), the
 * outbox mirrored into the sync status, and replication of only the
 * collections their roles may read, authorised with the in-memory token.
 *
 * Opened on unlock, closed on lock (data stays, keys go), removed on sign-out
 * or after too many wrong PINs.
 */
import { Dexie } from 'dexie';
import {
  AttachmentStore,
  attachmentDatabaseName,
  attachmentKeyFor,
  removeAttachmentDatabase,
} from '../db/attachmentStore';
import { createWaystationDatabase, pendingIndexOf, type WaystationDatabase } from '../db/database';
import { getDeviceId } from '../db/deviceKey';
import { canRead, type Role } from '../domain/access';
import { COLLECTION_NAMES, type CollectionName } from '../domain/collections';
import { startSync, type SyncHandle } from '../sync/replication';
import { startAttachmentUploads, type Uploader } from '../sync/attachmentUploads';
import { startKeepingDriverTickets } from '../sync/attachmentDownloads';
import { startDeviceReports } from '../sync/deviceReport';
import { purgeAtUnlock, startScopePurges } from '../sync/deviceScopeSync';
import { connectPendingIndex, connectRejected, watchNetwork } from '../sync/syncStatusStore';

export interface DeviceStore {
  db: WaystationDatabase;
  /** Documents' content on this device, encrypted (db/attachmentStore.ts). */
  attachments: AttachmentStore;
  /** Starts (or restarts) replication with a way to read the current token. */
  startSync(options: {
    getToken: () => string | undefined;
    onUnauthorized: () => void;
    /** The server said an administrator revoked this device: sync keeps running so the outbox drains. */
    onDeviceRevoked: () => void;
  }): void;
  /** Stops replication; local data and the outbox stay. */
  stopSync(): Promise<void>;
  readonly sync: SyncHandle | undefined;
  /** Stops sync and closes the database (lock). */
  close(): Promise<void>;
  /** Stops sync and deletes the database, its outbox and every IndexedDB name of it from this device (sign-out). */
  remove(): Promise<void>;
}

/** What a user with these roles replicates: never a collection they may not read. */
export function collectionsFor(roles: readonly Role[]): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => canRead(roles, name));
}

let stopWatchingNetwork: (() => void) | undefined;

export async function openDeviceStore(options: {
  databaseName: string;
  encryptionPassword: string;
  roles: readonly Role[];
  /** The signed-in user: a driver's device keeps the tickets of the legs they drive. */
  userId?: string;
  baseUrl?: string;
}): Promise<DeviceStore> {
  const collections = collectionsFor(options.roles);
  // Every collection is created (empty when not replicated): screens such as the
  // family search still query people. Only `collections` are ever replicated.
  // TODO(intake): let screens cope with absent collections, then pass `collections` here.
  const db = await createWaystationDatabase({
    name: options.databaseName,
    encryptionPassword: options.encryptionPassword,
  });
  const attachments = new AttachmentStore(
    attachmentDatabaseName(options.databaseName),
    await attachmentKeyFor(options.encryptionPassword),
  );
  // A device offline longer than its scope's window lets go of what left it before anything else (deviceScopeSync.ts).
  await purgeAtUnlock(db, options.databaseName, options.baseUrl ?? window.location.origin);
  const disconnectPending = connectPendingIndex(pendingIndexOf(db));
  const disconnectRejected = connectRejected(db.outbox);
  const disconnect = () => {
    disconnectPending();
    disconnectRejected();
  };
  stopWatchingNetwork ??= watchNetwork(window);
  let sync: SyncHandle | undefined;
  let stopReports: (() => void) | undefined;
  let stopScopePurges: (() => void) | undefined;
  let uploader: Uploader | undefined;
  let stopKeeping: (() => void) | undefined;

  const stopSync = async () => {
    const running = sync;
    sync = undefined;
    stopReports?.();
    stopReports = undefined;
    stopScopePurges?.();
    stopScopePurges = undefined;
    uploader?.stop();
    uploader = undefined;
    stopKeeping?.();
    stopKeeping = undefined;
    await running?.stop();
  };
  const close = async () => {
    await stopSync();
    disconnect();
    if (!db.closed) await db.close();
    attachments.close();
  };

  return {
    db,
    attachments,
    get sync() {
      return sync;
    },
    startSync({ getToken, onUnauthorized, onDeviceRevoked }) {
      if (sync || collections.length === 0) return;
      const baseUrl = options.baseUrl ?? window.location.origin;
      const deviceId = getDeviceId();
      const getHeaders = (): Record<string, string> => {
        const token = getToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      };
      sync = startSync(db, { baseUrl, deviceId, collections, getHeaders, onUnauthorized, onDeviceRevoked });
      stopReports = startDeviceReports({ baseUrl, deviceId, getHeaders, onDeviceRevoked });
      stopScopePurges = startScopePurges({
        db,
        databaseName: options.databaseName,
        connection: { baseUrl: () => baseUrl, token: getToken },
        sync,
      });
      uploader = startAttachmentUploads({ baseUrl, store: attachments, getHeaders, onUnauthorized });
      if (options.userId && options.roles.includes('driver')) {
        stopKeeping = startKeepingDriverTickets({
          db,
          store: attachments,
          baseUrl,
          userId: options.userId,
          getHeaders,
        });
      }
    },
    stopSync,
    close,
    async remove() {
      await close();
      await removeDeviceDatabase(options.databaseName);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether an IndexedDB database belongs to this device database. RxDB's Dexie
 * storage makes one per collection, per collection's local documents and per
 * replication state, named `rxdb-dexie-<database>--<schema version>--<collection>`;
 * collection names never hold `--`, so another user whose id starts with
 * this one's (`abc--0--x`) does not match.
 */
export function isIndexedDbOf(databaseName: string, indexedDbName: string): boolean {
  return new RegExp(`^rxdb-dexie-${escapeRegExp(databaseName)}--\\d+--(?!.*--).+$`).test(indexedDbName);
}

/**
 * Deletes every IndexedDB database of a user's device database, without
 * opening it (after too many wrong PINs the key is not available). RxDB's own
 * removal only empties the tables and leaves the names, which say who used the
 * device; it also needs the encryption plugin to open the store at all.
 * A connection still open in another tab is closed by Dexie when the deletion
 * asks it to (versionchange), so the deletion does not wait forever.
 */
export async function removeDeviceDatabase(databaseName: string): Promise<void> {
  const names = (await Dexie.getDatabaseNames()).filter((name) => isIndexedDbOf(databaseName, name));
  await Promise.all([...names.map((name) => Dexie.delete(name)), removeAttachmentDatabase(databaseName)]);
}
