/**
 * Device identity: a stable random id for this browser installation, sent
 * with sign-in and every sync request so the audit log can say which device
 * made a change. It is not a secret and protects nothing.
 *
 * The at-rest encryption key no longer lives here: each user's database is
 * encrypted with a key derived from their own data key, which is stored only
 * wrapped under their PIN and password (see keyring.ts).
 */
export const DEVICE_ID_ITEM = 'waystation.deviceId';
/** The interim per-device key of earlier builds; removed on start-up (it protected nothing). */
const LEGACY_DEVICE_KEY_ITEM = 'waystation.interimDeviceKey';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function randomHex(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stable id of this browser installation, sent with sign-in and every push as X-Device-Id. */
export function getDeviceId(store: KeyValueStore = localStorage): string {
  const existing = store.getItem(DEVICE_ID_ITEM);
  if (existing) return existing;
  const value = `dev-${randomHex(8)}`;
  store.setItem(DEVICE_ID_ITEM, value);
  return value;
}

/** Drops the interim key of builds before accounts existed. */
export function forgetLegacyDeviceKey(store: Pick<Storage, 'removeItem'> = localStorage): void {
  store.removeItem(LEGACY_DEVICE_KEY_ITEM);
}
