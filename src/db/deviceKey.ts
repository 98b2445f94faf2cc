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

export const DEVICE_NAME_ITEM = 'waystation.deviceName';
/** The name the server last confirmed for this device (so a failed send is retried, a sent one is not repeated). */
export const DEVICE_NAME_SENT_ITEM = 'waystation.deviceNameSent';

/** The name a person gave this device at PIN setup ("Front desk tablet 2"), if any. */
export function getDeviceName(store: Pick<Storage, 'getItem'> = localStorage): string | undefined {
  return store.getItem(DEVICE_NAME_ITEM)?.trim() || undefined;
}

export function setDeviceName(name: string, store: Pick<Storage, 'setItem'> = localStorage): void {
  store.setItem(DEVICE_NAME_ITEM, name.trim());
}

/** The device name when the server does not have it yet; undefined when there is nothing to send. */
export function deviceNameToSend(store: Pick<Storage, 'getItem'> = localStorage): string | undefined {
  const name = getDeviceName(store);
  return name !== undefined && name !== store.getItem(DEVICE_NAME_SENT_ITEM) ? name : undefined;
}

export function markDeviceNameSent(name: string, store: Pick<Storage, 'setItem'> = localStorage): void {
  store.setItem(DEVICE_NAME_SENT_ITEM, name);
}

/**
 * What this device is, read from the browser ("Chrome", "Android"), for a
 * default name a person can keep: "Chrome on Android". Unknown parts are
 * undefined; the screen words the default in the interface language.
 */
export function describeBrowser(userAgent: string): { browser?: string; system?: string } {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|Chromium|CriOS)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /iPhone/.test(userAgent)
        ? 'iPhone'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(userAgent)
            ? 'macOS'
            : /CrOS/.test(userAgent)
              ? 'ChromeOS'
              : /Linux/.test(userAgent)
                ? 'Linux'
                : undefined;
  return { ...(browser ? { browser } : {}), ...(system ? { system } : {}) };
}

/** Drops the interim key of builds before accounts existed. */
export function forgetLegacyDeviceKey(store: Pick<Storage, 'removeItem'> = localStorage): void {
  store.removeItem(LEGACY_DEVICE_KEY_ITEM);
}
