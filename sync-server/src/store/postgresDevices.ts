/**
 * Device sync health in the PostgreSQL store. Each function runs on what it is
 * given: the pool for one-statement work, a transaction's client for a
 * revocation that commits with its audit entry. See types.ts.
 */
import { escapeIdentifier } from 'pg';
import type { DeviceReport } from '@waystation/domain/devices';
import { storedReport } from './sqliteDevices';
import type { DeviceRecord, DeviceRegistry } from './types';

interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

interface DeviceRow {
  user_id: string;
  device_id: string;
  /** jsonb: node-postgres parses it. */
  report: unknown;
  reported_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  wiped_at: Date | null;
}

function toDevice(row: DeviceRow): DeviceRecord {
  const device: DeviceRecord = { userId: row.user_id, deviceId: row.device_id };
  const report = row.report === null ? undefined : storedReport(row.report);
  if (report) device.report = report;
  if (row.reported_at !== null) device.reportedAt = row.reported_at.toISOString();
  if (row.revoked_at !== null) device.revokedAt = row.revoked_at.toISOString();
  if (row.revoked_by !== null) device.revokedBy = row.revoked_by;
  if (row.wiped_at !== null) device.wipedAt = row.wiped_at.toISOString();
  return device;
}

export function postgresDevices(schema: string) {
  const s = escapeIdentifier(schema);
  const devices = `${s}.device_health`;
  const sessions = `${s}.sessions`;

  function store(db: Queryable): DeviceRegistry {
    return {
      async putDeviceReport(userId: string, deviceId: string, report: DeviceReport, at: string) {
        await db.query(
          `INSERT INTO ${devices} (user_id, device_id, report, reported_at) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (user_id, device_id) DO UPDATE SET report = excluded.report, reported_at = excluded.reported_at`,
          [userId, deviceId, JSON.stringify(report), at],
        );
      },
      async getDevice(userId: string, deviceId: string) {
        const result = await db.query<DeviceRow>(
          `SELECT * FROM ${devices} WHERE user_id = $1 AND device_id = $2`,
          [userId, deviceId],
        );
        const row = result.rows[0];
        return row ? toDevice(row) : undefined;
      },
      async listDevices() {
        const result = await db.query<DeviceRow>(`SELECT * FROM ${devices} ORDER BY user_id, device_id`);
        return result.rows.map(toDevice);
      },
      async markDeviceWiped(userId: string, deviceId: string, at: string) {
        await db.query(
          `UPDATE ${devices} SET wiped_at = $3 WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NOT NULL`,
          [userId, deviceId, at],
        );
      },
    };
  }

  async function revokeDevice(
    client: Queryable,
    userId: string,
    deviceId: string,
    at: string,
    revokedBy: string,
  ): Promise<number> {
    await client.query(
      `INSERT INTO ${devices} (user_id, device_id, revoked_at, revoked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, device_id) DO UPDATE SET revoked_at = excluded.revoked_at,
         revoked_by = excluded.revoked_by, wiped_at = NULL`,
      [userId, deviceId, at, revokedBy],
    );
    const result = await client.query(
      `UPDATE ${sessions} SET revoked_at = $3 WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NULL`,
      [userId, deviceId, at],
    );
    return result.rowCount ?? 0;
  }

  return { store, revokeDevice };
}
