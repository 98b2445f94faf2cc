/**
 * Device sync health (the latest report of each signed-in device, its
 * revocation and wipe) and the device scope rules (how long each role keeps
 * what on its devices), written once for both databases, as the account
 * statements are (`accountQueries.ts`; what differs between the databases is
 * in `dialect.ts`).
 */
import { deviceReportSchema, type DeviceReport } from '@waystation/domain/devices';
import { deviceScopeRuleSchema, type DeviceScopeRule } from '@waystation/domain/deviceScope';
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';
import type { DeviceRecord, DeviceScopeRuleRecord } from './types';

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
  device_scope: {
    site_id: string;
    role: string;
    keep_days: number | null;
    updated_by: string;
    updated_at: unknown;
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

  /** A stored rule is data from an earlier write: one that no longer parses is left out. */
  function toScopeRules(rows: Row[]): DeviceScopeRuleRecord[] {
    return rows.flatMap((row) => {
      const rule = deviceScopeRuleSchema.safeParse({
        siteId: row.site_id,
        role: row.role,
        keepDays: row.keep_days,
      });
      return rule.success ? [{ ...rule.data, updatedAt: codec.readTime(row.updated_at) }] : [];
    });
  }

  return {
    toDevice,
    toScopeRules,
    deviceScopeRules: () =>
      db
        .selectFrom('device_scope')
        .select(['site_id', 'role', 'keep_days', 'updated_at'])
        .orderBy('site_id')
        .orderBy('role')
        .compile(),
    putDeviceScopeRule: (rule: DeviceScopeRule, by: string, at: string) =>
      db
        .insertInto('device_scope')
        .values({
          site_id: rule.siteId,
          role: rule.role,
          keep_days: rule.keepDays,
          updated_by: by,
          updated_at: at,
        })
        .onConflict((conflict) =>
          conflict.columns(['site_id', 'role']).doUpdateSet((eb) => ({
            keep_days: eb.ref('excluded.keep_days'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .compile(),
    getDevice: (userId: string, deviceId: string) =>
      db
        .selectFrom('device_health')
        .selectAll()
        .where('user_id', '=', userId)
        .where('device_id', '=', deviceId)
        .compile(),
    listDevices: () =>
      db.selectFrom('device_health').selectAll().orderBy('user_id').orderBy('device_id').compile(),
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
