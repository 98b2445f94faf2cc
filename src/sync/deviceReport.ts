/**
 * The device's sync-health report (issue 21 item 5): sent to the server when
 * the device syncs, so administrators see every device's version, last pull
 * and push, unsynced and set-aside counts and storage. Reports follow the
 * sync status: after a successful request, or when the counts change while
 * online, at most once per `minIntervalMs`. A report that fails is dropped:
 * the next sync sends a fresher one.
 */
import { COLLECTIONS, COLLECTION_NAMES } from '../domain/collections';
import { DEVICE_REVOKED, type DeviceReport } from '../domain/devices';
import type { ApiError } from './protocol';
import { syncStatusStore, type SyncStatus } from './syncStatusStore';
import { protocolFetch } from './protocolFetch';

export interface StorageFacts {
  usedBytes?: number;
  quotaBytes?: number;
  persisted?: boolean;
}

/** navigator.storage's estimate and persistence, where the browser tells them. */
export async function readStorageFacts(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageFacts> {
  const facts: StorageFacts = {};
  try {
    const estimate = await storage?.estimate?.();
    if (typeof estimate?.usage === 'number') facts.usedBytes = Math.round(estimate.usage);
    if (typeof estimate?.quota === 'number') facts.quotaBytes = Math.round(estimate.quota);
    const persisted = await storage?.persisted?.();
    if (typeof persisted === 'boolean') facts.persisted = persisted;
  } catch {
    // Some browsers refuse in private windows: the report says nothing about storage then.
  }
  return facts;
}

/** "Chrome on Android": enough for an administrator to tell a person's devices apart. */
export function deviceNameOf(userAgent: string): string | undefined {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iOS'
      : /CrOS/.test(userAgent)
        ? 'ChromeOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X/.test(userAgent)
            ? 'macOS'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : undefined;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system;
}

export function buildDeviceReport(
  status: Pick<SyncStatus, 'lastPulledAt' | 'lastPushedAt' | 'pendingCount' | 'rejected'>,
  storage: StorageFacts,
  appVersion: string,
  deviceName: string | undefined,
): DeviceReport {
  const setAsideCount = status.rejected.length;
  const report: DeviceReport = {
    appVersion: appVersion.slice(0, 64),
    schemaVersions: Object.fromEntries(COLLECTION_NAMES.map((name) => [name, COLLECTIONS[name].version])),
    // The outbox holds the set-aside changes too; they are counted on their own.
    pendingCount: Math.max(0, status.pendingCount - setAsideCount),
    setAsideCount,
  };
  if (deviceName) report.deviceName = deviceName.slice(0, 80);
  if (status.lastPulledAt) report.lastPullAt = status.lastPulledAt;
  if (status.lastPushedAt) report.lastPushAt = status.lastPushedAt;
  if (storage.usedBytes !== undefined) report.storageUsedBytes = storage.usedBytes;
  if (storage.quotaBytes !== undefined) report.storageQuotaBytes = storage.quotaBytes;
  if (storage.persisted !== undefined) report.storagePersisted = storage.persisted;
  return report;
}

export interface DeviceReportOptions {
  baseUrl: string;
  deviceId: string;
  getHeaders: () => Record<string, string>;
  onDeviceRevoked?: () => void;
  minIntervalMs?: number;
  fetch?: typeof fetch;
}

export const DEVICE_REPORT_INTERVAL_MS = 10_000;

/** Reports while sync runs; returns the function that stops reporting. */
export function startDeviceReports(options: DeviceReportOptions): () => void {
  const doFetch = options.fetch ?? protocolFetch;
  const minIntervalMs = options.minIntervalMs ?? DEVICE_REPORT_INTERVAL_MS;
  const appVersion = `${__APP_VERSION__}+${__BUILD_ID__}`;
  const deviceName = deviceNameOf(globalThis.navigator?.userAgent ?? '');
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const send = async () => {
    timer = undefined;
    const status = syncStatusStore.getState();
    if (stopped || !status.online || !status.pendingKnown) return;
    lastSentAt = Date.now();
    const report = buildDeviceReport(status, await readStorageFacts(), appVersion, deviceName);
    try {
      const response = await doFetch(`${options.baseUrl}/api/devices/report`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Device-Id': options.deviceId, ...options.getHeaders() },
        body: JSON.stringify(report),
        cache: 'no-store',
      });
      if (response.status === 401) {
        const body = (await response.json().catch(() => ({}))) as Partial<ApiError>;
        if (body.error === DEVICE_REVOKED) options.onDeviceRevoked?.();
      }
    } catch {
      // Offline: the next sync reports again.
    }
  };
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => void send(), Math.max(0, lastSentAt + minIntervalMs - Date.now()));
  };
  const unsubscribe = syncStatusStore.subscribe((state, before) => {
    const synced = state.lastSyncedAt !== before.lastSyncedAt;
    const counts =
      state.pendingCount !== before.pendingCount || state.rejected.length !== before.rejected.length;
    if (synced || (counts && state.online)) schedule();
  });
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
