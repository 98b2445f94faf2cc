/**
 * Device sync health (the latest report of each signed-in device, its
 * revocation and wipe) written once for both databases, as the account
 * statements are (`accountQueries.ts`; what differs between the databases is
 * in `dialect.ts`).
 */
import { deviceReportSchema, type DeviceReport } from '@waystation/domain/devices';
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';
import type { DeviceRecord } from './types';

interface DeviceTables {
  device_health: {
    user_id: string;
    device_id: string;
    report: unknown;
    reported_at: unknown;
    revoked_at: unknown;
    revoked_by: string | null;
    wiped_at: unknown;
  };
  sessions: {
    user_id: string;
    device_id: string;
    revoked_at: unknown;
  };
}

/** A stored report is data from an earlier write: one that no longer parses is left out, not trusted. */
export function storedReport(value: unknown): DeviceReport | undefined {
  const parsed = deviceReportSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function deviceQueries(dialect: Dialect, schema?: string) {
  const db = compilerFor<DeviceTables>(dialect, schema);
  const codec = CODECS[dialect];
  const given = (value: unknown) => value !== null && value !== undefined;

  function toDevice(row: Row): DeviceRecord {
    const device: DeviceRecord = { userId: String(row.user_id), deviceId: String(row.device_id) };
    const report = given(row.report) ? storedReport(codec.readJson(row.report)) : undefined;
    if (report) device.report = report;
    if (given(row.reported_at)) device.reportedAt = codec.readTime(row.reported_at);
    if (given(row.revoked_at)) device.revokedAt = codec.readTime(row.revoked_at);
    if (given(row.revoked_by)) device.revokedBy = String(row.revoked_by);
    if (given(row.wiped_at)) device.wipedAt = codec.readTime(row.wiped_at);
    return device;
  }

  return {
    toDevice,
    getDevice: (userId: string, deviceId: string) =>
      db
        .selectFrom('device_health')
        .selectAll()
        .where('user_id', '=', userId)
        .where('device_id', '=', deviceId)
        .compile(),
    listDevices: () => db.selectFrom('device_health').selectAll().orderBy('user_id').orderBy('device_id').compile(),
    putDeviceReport: (userId: string, deviceId: string, report: DeviceReport, at: string) =>
      db
        .insertInto('device_health')
        .values({ user_id: userId, device_id: deviceId, report: codec.json(report), reported_at: at })
        .onConflict((conflict) =>
          conflict.columns(['user_id', 'device_id']).doUpdateSet((eb) => ({
            report: eb.ref('excluded.report'),
            reported_at: eb.ref('excluded.reported_at'),
          })),
        )
        .compile(),
    /** A new revocation clears an earlier wipe: revoked again, and not yet known to be wiped. */
    revokeDevice: (userId: string, deviceId: string, at: string, revokedBy: string) =>
      db
        .insertInto('device_health')
        .values({ user_id: userId, device_id: deviceId, revoked_at: at, revoked_by: revokedBy })
        .onConflict((conflict) =>
          conflict.columns(['user_id', 'device_id']).doUpdateSet((eb) => ({
            revoked_at: eb.ref('excluded.revoked_at'),
            revoked_by: eb.ref('excluded.revoked_by'),
            wiped_at: null,
          })),
        )
        .compile(),
    /** The device's sessions end with its revocation. */
    revokeDeviceSessions: (userId: string, deviceId: string, at: string) =>
      db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('device_id', '=', deviceId)
        .where('revoked_at', 'is', null)
        .compile(),
    markDeviceWiped: (userId: string, deviceId: string, at: string) =>
      db
        .updateTable('device_health')
        .set({ wiped_at: at })
        .where('user_id', '=', userId)
        .where('device_id', '=', deviceId)
        .where('revoked_at', 'is not', null)
        .compile(),
  };
}
