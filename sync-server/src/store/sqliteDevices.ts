/**
 * Device sync health in the SQLite store: statements only. sqlite.ts decides
 * which connection runs them and serialises writes; see types.ts.
 */
import type Database from 'better-sqlite3';
import { deviceReportSchema, type DeviceReport } from '@waystation/domain/devices';
import type { DeviceRecord } from './types';

interface DeviceRow {
  user_id: string;
  device_id: string;
  report: string | null;
  reported_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  wiped_at: string | null;
}

/** A stored report is data from an earlier write: one that no longer parses is left out, not trusted. */
export function storedReport(value: unknown): DeviceReport | undefined {
  const parsed = deviceReportSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function toDevice(row: DeviceRow): DeviceRecord {
  const device: DeviceRecord = { userId: row.user_id, deviceId: row.device_id };
  const report = row.report === null ? undefined : storedReport(JSON.parse(row.report));
  if (report) device.report = report;
  if (row.reported_at !== null) device.reportedAt = row.reported_at;
  if (row.revoked_at !== null) device.revokedAt = row.revoked_at;
  if (row.revoked_by !== null) device.revokedBy = row.revoked_by;
  if (row.wiped_at !== null) device.wipedAt = row.wiped_at;
  return device;
}

export class SqliteDeviceReads {
  constructor(private readonly db: Database.Database) {}

  getDevice(userId: string, deviceId: string): DeviceRecord | undefined {
    const row = this.db
      .prepare<[string, string], DeviceRow>('SELECT * FROM device_health WHERE user_id = ? AND device_id = ?')
      .get(userId, deviceId);
    return row ? toDevice(row) : undefined;
  }

  listDevices(): DeviceRecord[] {
    return this.db
      .prepare<[], DeviceRow>('SELECT * FROM device_health ORDER BY user_id, device_id')
      .all()
      .map(toDevice);
  }
}

export class SqliteDeviceWrites {
  constructor(private readonly db: Database.Database) {}

  putDeviceReport(userId: string, deviceId: string, report: DeviceReport, at: string) {
    this.db
      .prepare(
        `INSERT INTO device_health (user_id, device_id, report, reported_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, device_id) DO UPDATE SET report = excluded.report, reported_at = excluded.reported_at`,
      )
      .run(userId, deviceId, JSON.stringify(report), at);
  }

  revokeDevice(userId: string, deviceId: string, at: string, revokedBy: string): number {
    this.db
      .prepare(
        `INSERT INTO device_health (user_id, device_id, revoked_at, revoked_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, device_id) DO UPDATE SET revoked_at = excluded.revoked_at,
           revoked_by = excluded.revoked_by, wiped_at = NULL`,
      )
      .run(userId, deviceId, at, revokedBy);
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL')
      .run(at, userId, deviceId).changes;
  }

  markDeviceWiped(userId: string, deviceId: string, at: string) {
    this.db
      .prepare(
        'UPDATE device_health SET wiped_at = ? WHERE user_id = ? AND device_id = ? AND revoked_at IS NOT NULL',
      )
      .run(at, userId, deviceId);
  }
}
