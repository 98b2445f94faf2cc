/**
 * Device names: a person names their device at PIN setup ("Front desk
 * tablet 2"); the app sends the name once and the audit log, read back,
 * carries it beside each entry's device id, so history and audit screens
 * never show a random id to someone who has to find the tablet.
 */
import { deviceNameRequestSchema } from '@waystation/domain/accounts';
import type { AuditEntry, Store } from '../store/types';
import type { Principal } from './actor';
import { parseBody } from './errors';

export async function nameDevice(
  deps: { store: Store; now: () => Date },
  principal: Principal,
  body: unknown,
): Promise<{ deviceId: string; name: string }> {
  const { name } = parseBody(deviceNameRequestSchema, body, 'The device name');
  await deps.store.nameDevice({
    id: principal.deviceId,
    name,
    namedBy: principal.userId,
    namedAt: deps.now().toISOString(),
  });
  return { deviceId: principal.deviceId, name };
}

export type NamedAuditEntry = AuditEntry & { deviceName?: string };

/** The entries with the name of each one's device, where the device has one. */
export async function withDeviceNames(store: Store, entries: readonly AuditEntry[]): Promise<NamedAuditEntry[]> {
  const names = await store.deviceNames([...new Set(entries.map((entry) => entry.deviceId))]);
  return entries.map((entry) => {
    const deviceName = names.get(entry.deviceId);
    return deviceName === undefined ? entry : { ...entry, deviceName };
  });
}
