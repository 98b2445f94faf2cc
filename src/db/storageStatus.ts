/**
 * Whether the last save on this device failed for lack of storage. The record
 * writers set it (recordWrites.ts), so a save made from a button that shows no
 * message of its own still tells the person, through the banner under the sync
 * bar; the next save that succeeds clears it. A save is also when the app asks
 * the browser to keep the device's data (storagePersistence.ts).
 */
import { create } from '../state';
import { askPersistenceOnce } from './storagePersistence';

export interface StorageStatus {
  /** A save failed because the device is out of storage, and none has succeeded since. */
  full: boolean;
}

export const storageStatusStore = create<StorageStatus>()(() => ({ full: false }));

export function reportStorageFull(): void {
  if (!storageStatusStore.getState().full) storageStatusStore.setState({ full: true });
}

export function reportSaved(): void {
  if (storageStatusStore.getState().full) storageStatusStore.setState({ full: false });
  // The device now holds something only it has: ask the browser to keep it (see storagePersistence.ts).
  void askPersistenceOnce();
}
