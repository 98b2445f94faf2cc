import { syncStatusStore, type SyncStatus } from './syncStatusStore';

/**
 * Sync status for components. Select what you need so a component re-renders
 * only when that changes, e.g. `useSyncStatus((s) => s.pendingCount)` or
 * `useSyncStatus((s) => s.isPending('households', id))`.
 */
export function useSyncStatus(): SyncStatus;
export function useSyncStatus<T>(selector: (status: SyncStatus) => T): T;
export function useSyncStatus<T>(selector?: (status: SyncStatus) => T): T | SyncStatus {
  const select: (status: SyncStatus) => T | SyncStatus = selector ?? ((status) => status);
  return syncStatusStore(select);
}
