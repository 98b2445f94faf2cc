/**
 * Startup of the device side: open the encrypted store, mirror its outbox and
 * the network state into the sync status, and start replicating against the
 * server that served the app (the sync server serves the PWA on one port).
 * Opened once per page; a failed attempt can be retried.
 */
import { createWaystationDatabase, pendingIndexOf, type WaystationDatabase } from '../db/database';
import { getDeviceId, getInterimDeviceKey } from '../db/deviceKey';
import { startSync, type SyncHandle } from '../sync/replication';
import { connectPendingIndex, watchNetwork } from '../sync/syncStatusStore';

export const DEVICE_DATABASE_NAME = 'waystation';

export interface DeviceStore {
  db: WaystationDatabase;
  sync: SyncHandle;
}

let opening: Promise<DeviceStore> | undefined;

async function open(): Promise<DeviceStore> {
  const db = await createWaystationDatabase({
    name: DEVICE_DATABASE_NAME,
    encryptionPassword: getInterimDeviceKey(),
  });
  connectPendingIndex(pendingIndexOf(db));
  watchNetwork(window);
  const sync = startSync(db, { baseUrl: window.location.origin, deviceId: getDeviceId() });
  return { db, sync };
}

export function openDeviceStore(): Promise<DeviceStore> {
  if (!opening) {
    opening = open();
    opening.catch(() => {
      opening = undefined; // let "Try again" start over
    });
  }
  return opening;
}
