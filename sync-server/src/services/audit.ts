/**
 * What the audit log records about a change: which fields moved from what to
 * what. Write metadata (updatedAt/By, deviceId) is left out because the
 * audit entry itself says who, from which device and when.
 */
import { WRITE_META_KEYS } from '@waystation/domain/common';
import { deepEqual, isPlainObject, type JsonObject } from '@waystation/domain/merge';

export const AUDIT_ACTIONS = {
  /** A record the server did not have before. */
  create: 'create',
  /** A new version of a record (including a deletion: `_deleted` false → true). */
  change: 'change',
  /** A same-field clash was stored as a conflict record. */
  conflict: 'conflict',
  /** Someone opened a sensitive record's detail on their device (reported by the app). */
  read: 'read',
  /** A coordinator exported a CSV (reported by the app; details: dataset period, names or not, rows). */
  export: 'export',
  login: 'login',
  loginFailed: 'login_failed',
  logout: 'logout',
  /** A person changed their own password (details never hold it). */
  passwordChange: 'password_change',
  /** Administration: `admin.<what>` e.g. admin.user_create; details say what changed. */
  userCreate: 'admin.user_create',
  userUpdate: 'admin.user_update',
  passwordReset: 'admin.password_reset',
  siteCreate: 'admin.site_create',
  siteUpdate: 'admin.site_update',
  unitCreate: 'admin.unit_create',
  unitUpdate: 'admin.unit_update',
  /** An administrator revoked a person's device (details: how many sessions ended). */
  deviceRevoke: 'admin.device_revoke',
  /** A revoked device pushed what it could and removed its data. */
  deviceWiped: 'device_wiped',
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** Field path → [old, new]; a missing value is null. Plain objects are descended, arrays are whole values. */
export type FieldChanges = Record<string, [unknown, unknown]>;

const META = new Set<string>(WRITE_META_KEYS);

export function fieldChanges(before: JsonObject | undefined, after: JsonObject): FieldChanges {
  const changes: FieldChanges = {};
  collect(before ?? {}, after, '', changes, true);
  return changes;
}

function collect(
  before: JsonObject,
  after: JsonObject,
  prefix: string,
  out: FieldChanges,
  topLevel: boolean,
) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (topLevel && META.has(key)) continue;
    const old = before[key];
    const next = after[key];
    if (deepEqual(old, next)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(old) && isPlainObject(next)) {
      collect(old, next, path, out, false);
    } else {
      out[path] = [old ?? null, next ?? null];
    }
  }
}
