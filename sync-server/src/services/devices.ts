/**
 * Each device's sync health (issue 21 item 5). A signed-in device reports
 * when it syncs; administrators list the devices and revoke one. Revoking
 * ends the person's sessions on that device at once; the device learns it at
 * its next request (`device_revoked`), pushes what it still holds, says it
 * wiped itself, and removes its data (src/features/auth/session.ts).
 */
import {
  DEFAULT_STALE_DAYS,
  deviceReportSchema,
  lastSyncOf,
  revokeDeviceSchema,
  sortDevicesForAttention,
  type DeviceHealth,
} from '@waystation/domain/devices';
import type { Store } from '../store/types';
import type { Principal } from './actor';
import { AUDIT_ACTIONS } from './audit';
import { rolesOf } from './auth';
import type { ChangeNotifier } from './changes';
import { InputError, parseBody } from './errors';

export interface DeviceDeps {
  store: Store;
  now: () => Date;
  notifier?: Pick<ChangeNotifier, 'publishAccountChange'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keeps the device's report as the latest of this person on this device. */
export async function reportDevice(deps: DeviceDeps, principal: Principal, body: unknown): Promise<void> {
  const report = parseBody(deviceReportSchema, body, 'The device report');
  await deps.store.putDeviceReport(principal.userId, principal.deviceId, report, deps.now().toISOString());
}

/** Every person on every device that reported, those needing attention first. */
export async function listDevices(deps: DeviceDeps, staleDays = DEFAULT_STALE_DAYS): Promise<DeviceHealth[]> {
  const [devices, users] = await Promise.all([deps.store.listDevices(), deps.store.listUsers()]);
  // The names people gave their devices at PIN setup; the report's is only the browser's.
  const names = await deps.store.deviceNames([...new Set(devices.map((device) => device.deviceId))]);
  const usersById = new Map(users.map((user) => [user.id, user]));
  const staleBefore = deps.now().getTime() - staleDays * DAY_MS;
  const rows: DeviceHealth[] = [];
  for (const device of devices) {
    const user = usersById.get(device.userId);
    // A device revoked before it ever reported has nothing to show.
    if (!user || !device.report || !device.reportedAt) continue;
    const lastSyncAt = lastSyncOf(device.report);
    const stale = Date.parse(lastSyncAt ?? device.reportedAt) < staleBefore || lastSyncAt === undefined;
    const row: DeviceHealth = {
      userId: user.id,
      deviceId: device.deviceId,
      username: user.username,
      displayName: user.displayName,
      roles: rolesOf(user),
      siteIds: [...user.siteIds],
      lastSeenAt: device.reportedAt,
      report: device.report,
      stale,
      needsAttention: stale || device.report.setAsideCount > 0,
    };
    const name = names.get(device.deviceId);
    if (name !== undefined) row.name = name;
    if (lastSyncAt !== undefined) row.lastSyncAt = lastSyncAt;
    if (device.revokedAt !== undefined) row.revokedAt = device.revokedAt;
    if (device.wipedAt !== undefined) row.wipedAt = device.wipedAt;
    rows.push(row);
  }
  return sortDevicesForAttention(rows);
}

/** Ends the person's sessions on the device; the device wipes itself at its next request. */
export async function revokeDevice(
  deps: DeviceDeps,
  admin: Principal,
  body: unknown,
): Promise<{ sessionsEnded: number }> {
  const input = parseBody(revokeDeviceSchema, body, 'The device to revoke');
  if (!(await deps.store.getUser(input.userId))) {
    throw new InputError('not_found', `There is no user with id ${JSON.stringify(input.userId)}`);
  }
  const at = deps.now().toISOString();
  const sessionsEnded = await deps.store.transaction(async (tx) => {
    const ended = await tx.revokeDevice(input.userId, input.deviceId, at, admin.userId);
    await tx.appendAudit({
      at,
      userId: admin.userId,
      deviceId: admin.deviceId,
      action: AUDIT_ACTIONS.deviceRevoke,
      recordId: input.userId,
      details: { device: input.deviceId, sessionsEnded: ended },
    });
    return ended;
  });
  // Open change streams of the person check their session now and close.
  deps.notifier?.publishAccountChange(input.userId);
  return { sessionsEnded };
}

/** The revoked device pushed what it could and is removing its data: nothing more is accepted from it. */
export async function confirmWiped(deps: DeviceDeps, principal: Principal): Promise<void> {
  if (!principal.deviceRevoked) {
    throw new InputError('invalid_body', 'This device was not revoked; sign out to remove its data');
  }
  const at = deps.now().toISOString();
  await deps.store.markDeviceWiped(principal.userId, principal.deviceId, at);
  await deps.store.transaction((tx) =>
    tx.appendAudit({ at, userId: principal.userId, deviceId: principal.deviceId, action: AUDIT_ACTIONS.deviceWiped }),
  );
}
