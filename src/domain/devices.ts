/**
 * Each device's sync health (issue 21 item 5): what a device reports when it
 * syncs, and what the administrators' devices table reads. The server
 * validates the report with `deviceReportSchema` (every size bounded) and
 * keeps the latest one per person per device; the app builds the report and
 * parses the table's answer with the same schemas.
 */
import { z } from 'zod';
import { ROLES } from './access';
import { idSchema, isoDateTime } from './common';

/** A device id as the app makes it (deviceKey.ts) or the server names an unnamed session (`session:<hash>`). */
export const deviceIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "-" and "_" only');

const count = z.number().int().min(0).max(100_000_000);
const bytes = z.number().int().min(0).max(2 ** 52);

export const deviceReportSchema = z
  .object({
    appVersion: z.string().trim().min(1).max(64),
    /** Each synced collection's schema version on the device (src/domain/collections.ts). */
    schemaVersions: z
      .record(idSchema, z.number().int().min(0).max(10_000))
      .refine((versions) => Object.keys(versions).length <= 64, 'at most 64 collections'),
    /** A short name of the device, e.g. "Chrome on Android", when the browser tells it. */
    deviceName: z.string().trim().min(1).max(80).optional(),
    lastPullAt: isoDateTime.optional(),
    lastPushAt: isoDateTime.optional(),
    /** Changes on the device the server has not accepted yet. */
    pendingCount: count,
    /** Changes the server refused for good, kept on the device (src/sync/setAside.ts). */
    setAsideCount: count,
    /** navigator.storage.estimate(); absent where the browser does not tell. */
    storageUsedBytes: bytes.optional(),
    storageQuotaBytes: bytes.optional(),
    /** navigator.storage.persisted(); absent where the browser does not tell. */
    storagePersisted: z.boolean().optional(),
  })
  .strict();
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** Devices not synced for this many days are listed first (GET /api/admin/devices?staleDays=). */
export const DEFAULT_STALE_DAYS = 3;
export const staleDaysSchema = z.coerce.number().int().min(1).max(365);

/** One row of the administrators' devices table: a person on a device. */
export const deviceHealthSchema = z.object({
  userId: z.string(),
  deviceId: deviceIdSchema,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  siteIds: z.array(z.string()),
  /** When the device last reported (it reports whenever it syncs). */
  /** The name the person gave the device at PIN setup ("Front desk tablet 2"), if they gave one. */
  name: z.string().optional(),
  lastSeenAt: isoDateTime,
  /** The latest successful pull or push the device reported. */
  lastSyncAt: isoDateTime.optional(),
  report: deviceReportSchema,
  /** Not synced for `staleDays` days. */
  stale: z.boolean(),
  /** Stale or holding set-aside records: listed first. */
  needsAttention: z.boolean(),
  revokedAt: isoDateTime.optional(),
  /** When the revoked device said it had pushed what it could and wiped itself. */
  wipedAt: isoDateTime.optional(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const deviceListResponseSchema = z.object({
  staleDays: z.number().int(),
  devices: z.array(deviceHealthSchema),
});
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;

export const revokeDeviceSchema = z.object({ userId: idSchema, deviceId: deviceIdSchema }).strict();
export type RevokeDevice = z.infer<typeof revokeDeviceSchema>;

export const revokeDeviceResponseSchema = z.object({ sessionsEnded: z.number().int().min(0) });

/** The error code of every request from a revoked device (401, see sync-server/src/routes/actor.ts). */
export const DEVICE_REVOKED = 'device_revoked';

/** The last successful sync a report names, or undefined. */
export function lastSyncOf(report: Pick<DeviceReport, 'lastPullAt' | 'lastPushAt'>): string | undefined {
  const times = [report.lastPullAt, report.lastPushAt].filter((at): at is string => at !== undefined);
  if (times.length === 0) return undefined;
  return times.reduce((latest, at) => (Date.parse(at) > Date.parse(latest) ? at : latest));
}

/**
 * The devices table's order: those not synced for `staleDays` days or holding
 * set-aside records first, and within each group the longest unsynced first.
 */
export function sortDevicesForAttention<T extends Pick<DeviceHealth, 'needsAttention' | 'lastSyncAt' | 'lastSeenAt'>>(
  devices: readonly T[],
): T[] {
  const syncTime = (device: T) => Date.parse(device.lastSyncAt ?? '1970-01-01T00:00:00Z');
  return [...devices].sort(
    (a, b) =>
      Number(b.needsAttention) - Number(a.needsAttention) ||
      syncTime(a) - syncTime(b) ||
      Date.parse(a.lastSeenAt) - Date.parse(b.lastSeenAt),
  );
}
