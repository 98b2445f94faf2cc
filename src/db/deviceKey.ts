/**
 * INTERIM — device identity and the at-rest encryption key, until accounts
 * exist. The accounts issue replaces `getDeviceKey` with a key derived from the
 * user's PIN; until then the key is a random secret kept in localStorage, which
 * keeps the sensitive fields unreadable in an IndexedDB dump but NOT from
 * anyone who can run code in this browser profile.
 */
const DEVICE_KEY_ITEM = 'waystation.interimDeviceKey';
const DEVICE_ID_ITEM = 'waystation.deviceId';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function randomHex(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}

function getOrCreate(store: KeyValueStore, item: string, create: () => string): string {
  const existing = store.getItem(item);
  if (existing) return existing;
  const value = create();
  store.setItem(item, value);
  return value;
}

/** INTERIM: random per-device encryption password (256 bits), created on first use. */
export function getInterimDeviceKey(store: KeyValueStore = localStorage): string {
  return getOrCreate(store, DEVICE_KEY_ITEM, () => randomHex(32));
}

/** Stable id of this browser installation, sent with every push as X-Device-Id. */
export function getDeviceId(store: KeyValueStore = localStorage): string {
  return getOrCreate(store, DEVICE_ID_ITEM, () => `dev-${randomHex(8)}`);
}
